package io.recon.cli;

import io.recon.activities.store.FeedStore;
import io.recon.activities.store.SpecVersion;
import io.recon.core.canonical.Displays;
import io.recon.core.spec.JobSpec;
import io.recon.starter.feed.FeedAlreadyRunningException;
import io.recon.starter.feed.FeedClient;
import io.recon.workflows.feed.FeedStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon feed}: the continuous mode of a job (docs/operations.md, "Continuous mode"). */
@Command(
    name = "feed",
    header = "Follow a job's changes continuously: start, status and stop its feed.",
    mixinStandardHelpOptions = true,
    description = {
      "A feed follows the job's source (PostgreSQL logical replication) and, where the server has",
      "change streams, its MongoDB target, and reconciles every changed key within seconds as a",
      "key-set cycle. The scheduled full cycle stays the backstop."
    },
    subcommands = {FeedCommand.Start.class, FeedCommand.Status.class, FeedCommand.Stop.class})
final class FeedCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static FeedClient client(Session session) {
    return new FeedClient(
        session.temporal(),
        session.config().taskQueue(),
        new FeedStore(session.store(), Clock.systemUTC()));
  }

  /** {@code recon feed start SPEC}. */
  @Command(
      name = "start",
      header = "Start the feed of a job.",
      mixinStandardHelpOptions = true,
      description = {
        "Start the feed of the job in SPEC: a spec file, applied to the spec registry first if it",
        "changed (as 'recon spec apply' does, by --by), or a registered spec's name. The feed runs",
        "the version applied or found until it is stopped; its workflow id is recon-feed-<name>.",
        "Exits 0 when started, 2 for a bad spec or an unknown name or version, 1 when the job's",
        "feed is already running (or an engine is unreachable)."
      })
  static final class Start implements Callable<Integer> {
    private final CliContext context;

    Start(CliContext context) {
      this.context = context;
    }

    @Parameters(
        paramLabel = "SPEC",
        description = "The job spec file (YAML), or a registered spec's name ([a-z0-9-]+).")
    String specArgument;

    @Option(
        names = "--version",
        paramLabel = "N",
        description = "With a spec name: run version N of it (default its latest).")
    Integer version;

    @Mixin OperatorOption by;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      CommandLine cl = command.commandLine();
      Path file = Path.of(specArgument);
      boolean byName = !Files.isRegularFile(file) && JobSpec.NAME.matcher(specArgument).matches();
      if (!byName && version != null) {
        throw new CommandLine.ParameterException(
            cl, "--version applies to a registered spec's name, not to a spec file");
      }
      JobSpec spec = byName ? null : SpecFiles.load(file, cl);
      String initiator = by.name();
      PrintWriter out = cl.getOut();
      try (Session session = context.session()) {
        SpecVersion pinned =
            byName
                ? SpecRegistryCommands.registry(session).get(specArgument, version)
                : SpecRegistryCommands.apply(session, file, spec, initiator).version();
        FeedClient feeds = client(session);
        String id;
        try {
          id = feeds.start(pinned.name(), pinned.version(), initiator);
        } catch (FeedAlreadyRunningException e) {
          cl.getErr().println("recon: " + e.getMessage());
          cl.getErr().flush();
          return ExitCodes.FAILURE;
        }
        if (json.enabled) {
          out.println(
              Json.object(
                  "feed", pinned.name(), "workflowId", id, "specVersion", pinned.version()));
        } else {
          out.println(
              "started feed "
                  + pinned.name()
                  + " (spec version "
                  + pinned.version()
                  + ", workflow "
                  + id
                  + "); see: recon feed status "
                  + ShellQuote.quote(pinned.name()));
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  /** {@code recon feed status NAME}. */
  @Command(
      name = "status",
      header = "Show a feed's status.",
      mixinStandardHelpOptions = true,
      description = {
        "Show a feed: live from its workflow while it runs, else as the store recorded it.",
        "Exits 0 when RUNNING or STOPPED, 1 when FAILED, 2 when no such feed was ever started."
      })
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    Status(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "NAME", description = "The feed's name: its spec's name.")
    String name;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      requireName(command.commandLine(), name);
      try (Session session = context.session()) {
        FeedClient feeds = client(session);
        FeedStatus s = feeds.status(name);
        if (json.enabled) {
          out.println(Json.write(s));
        } else {
          FeedTable.print(s, feeds.row(name).orElse(null), out);
        }
        out.flush();
        return "FAILED".equals(s.status()) ? ExitCodes.FAILURE : ExitCodes.OK;
      }
    }
  }

  /** {@code recon feed stop NAME --by NAME}. */
  @Command(
      name = "stop",
      header = "Stop a feed; --drop-slot also drops its replication slot.",
      mixinStandardHelpOptions = true,
      description = {
        "Stop a running feed: its captures stop at the end of their slice, and the store and the",
        "audit record who stopped it and why. The replication slot is kept, so that a feed started",
        "again misses no change, unless --drop-slot is given: a kept slot retains WAL on the",
        "source until it is used or dropped (see docs/operations.md, slot hygiene).",
        "Exits 0 when stopped, 2 when the feed is unknown or not running, 3 when it has not",
        "stopped within --timeout."
      })
  static final class Stop implements Callable<Integer> {
    private final CliContext context;

    Stop(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "NAME", description = "The feed's name: its spec's name.")
    String name;

    @Mixin OperatorOption by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the audit.")
    String reason;

    @Option(
        names = "--drop-slot",
        description = "Also drop the source's replication slot (the feed then restarts from now).")
    boolean dropSlot;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "120",
        description = "How long to wait for the feed to stop (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      CommandLine cl = command.commandLine();
      requireName(cl, name);
      if (waitSeconds < 0) {
        throw new CommandLine.ParameterException(
            cl, "--timeout must be 0 or more seconds, not " + waitSeconds);
      }
      PrintWriter out = cl.getOut();
      try (Session session = context.session()) {
        FeedClient feeds = client(session);
        FeedStatus s;
        try {
          s = feeds.stop(name, by.name(), reason, dropSlot, Duration.ofSeconds(waitSeconds));
        } catch (TimeoutException e) {
          out.println(
              "stop requested for feed "
                  + name
                  + "; it has not stopped yet (is a worker running?). Check: recon feed status "
                  + ShellQuote.quote(name));
          out.flush();
          return ExitCodes.PENDING;
        }
        if (json.enabled) {
          out.println(Json.write(s));
        } else {
          out.println(
              "feed "
                  + name
                  + " "
                  + s.status()
                  + (dropSlot ? "; its replication slot was dropped" : "; its slot is kept"));
        }
        out.flush();
        return "STOPPED".equals(s.status()) ? ExitCodes.OK : ExitCodes.FAILURE;
      }
    }
  }

  // A feed's name is its spec's name; anything else is refused before an engine is reached.
  private static void requireName(CommandLine cl, String name) {
    if (!JobSpec.NAME.matcher(name).matches()) {
      throw new CommandLine.ParameterException(
          cl, "'" + Displays.escape(name) + "' is not a feed name (a spec name, [a-z0-9-]+)");
    }
  }
}
