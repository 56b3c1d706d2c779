package io.recon.cli;

import io.recon.core.spec.JobSpec;
import io.recon.starter.schedule.ScheduleBackend;
import io.recon.starter.schedule.ScheduleInfo;
import io.recon.starter.schedule.ScheduleManager;
import io.recon.starter.schedule.ScheduleStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon schedule}: cycles on a cron schedule. */
@Command(
    name = "schedule",
    header = "Create, list, delete and trigger schedules of cycles.",
    mixinStandardHelpOptions = true,
    description = {
      "Run a job's full cycles on a cron schedule. On a real cluster these are Temporal",
      "Schedules (overlap policy skip); on the embedded server, which has no Schedules API,",
      "a cron workflow stands in. Every subcommand says which is in use."
    },
    subcommands = {
      ScheduleCommand.Create.class,
      ScheduleCommand.ListSchedules.class,
      ScheduleCommand.Delete.class,
      ScheduleCommand.Trigger.class
    })
final class ScheduleCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static ScheduleManager manager(Session session) {
    return new ScheduleManager(
        session.temporal(),
        session.config().taskQueue(),
        new ScheduleStore(session.store()),
        session.cycleClient(),
        Json.MAPPER);
  }

  static void printBackend(ScheduleBackend backend, PrintWriter out) {
    out.println("schedules: " + backend.describe());
  }

  @Command(
      name = "create",
      header = "Schedule full cycles of the job in SPEC.",
      mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    Create(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "SPEC", description = "The job spec file (YAML).")
    Path specFile;

    @Option(
        names = "--cron",
        paramLabel = "EXPR",
        description = "5-field cron expression (default: the spec's 'schedule').")
    String cron;

    @Option(names = "--name", description = "Schedule name (default: the spec's name).")
    String name;

    @Mixin OperatorOption createdBy;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      JobSpec spec = SpecFiles.load(specFile, command.commandLine());
      String expr = cron != null ? cron.strip() : spec.schedule();
      if (expr == null || expr.isBlank()) {
        throw new CommandLine.ParameterException(
            command.commandLine(),
            "no --cron given and spec '" + spec.name() + "' has no 'schedule'");
      }
      if (expr.split("\\s+").length != 5) {
        throw new CommandLine.ParameterException(
            command.commandLine(), "--cron must be a 5-field cron expression, not '" + expr + "'");
      }
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        ScheduleManager m = manager(session);
        printBackend(m.backend(), out);
        ScheduleInfo s = m.create(spec, name != null ? name : spec.name(), expr, createdBy.name());
        out.printf(
            "created schedule %s: spec %s, cron '%s' (%s)%n",
            s.name(), s.spec(), s.cron(), s.workflowId());
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", header = "List schedules.", mixinStandardHelpOptions = true)
  static final class ListSchedules implements Callable<Integer> {
    private final CliContext context;

    ListSchedules(CliContext context) {
      this.context = context;
    }

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        ScheduleManager m = manager(session);
        List<ScheduleInfo> all = m.list();
        if (json.enabled) {
          out.println(Json.object("backend", m.backend().name(), "schedules", all));
        } else {
          printBackend(m.backend(), out);
          if (all.isEmpty()) {
            out.println("no schedules");
          }
          for (ScheduleInfo s : all) {
            out.printf(
                "%-24s spec %-24s cron '%s'  %s%n",
                s.name(), s.spec(), s.cron(), s.active() ? "active" : "NOT RUNNING");
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "delete", header = "Delete a schedule.", mixinStandardHelpOptions = true)
  static final class Delete implements Callable<Integer> {
    private final CliContext context;

    Delete(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "NAME")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        ScheduleManager m = manager(session);
        printBackend(m.backend(), out);
        m.delete(name);
        out.println("deleted schedule " + name + " (a cycle it started keeps running)");
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(
      name = "trigger",
      header = "Run a schedule's cycle now.",
      mixinStandardHelpOptions = true)
  static final class Trigger implements Callable<Integer> {
    private final CliContext context;

    Trigger(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin OperatorOption operator;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        ScheduleManager m = manager(session);
        printBackend(m.backend(), out);
        Optional<String> cycle = m.trigger(name, operator.name());
        out.println(cycle.map(id -> id).orElse("triggered schedule " + name));
        out.flush();
        return ExitCodes.OK;
      }
    }
  }
}
