package io.recon.cli;

import io.recon.activities.store.SpecVersion;
import io.recon.core.spec.JobSpec;
import io.recon.starter.CycleClient;
import io.recon.starter.view.CycleView;
import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.Mode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recon run SPEC}: starts a cycle, and with {@code --wait} follows it to its end. SPEC is a
 * spec file, applied to the registry first when it changed, or the name of a registered spec; the
 * cycle starts by name either way, pinned to the version just applied or found.
 */
@Command(
    name = "run",
    header = "Start a reconciliation cycle; --wait follows it.",
    description = {
      "Start a reconciliation cycle of the job in SPEC and print its workflow id on the first line.",
      "SPEC is a spec file, applied to the spec registry first if it changed (as 'recon spec",
      "apply' does, by --by), or the name of a registered spec.",
      "With --wait, show progress until the cycle completes or needs a human decision."
    })
final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(
      paramLabel = "SPEC",
      description = "The job spec file (YAML), or a registered spec's name ([a-z0-9-]+).")
  String specArgument;

  @Mixin HelpOption help;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "With a spec name: run version N of it (default its latest).")
  Integer version;

  @Option(
      names = "--mode",
      defaultValue = "full",
      description = "full or incremental (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--id",
      description = {
        "Workflow id of the cycle (default recon-<spec>-<UTC time>): 1-128 ASCII letters,",
        "digits, '.', '_' or '-', starting with a letter or digit; anything else exits 2."
      })
  String id;

  @Option(
      names = "--wait",
      description = "Follow the cycle until it completes or needs a decision.")
  boolean await;

  @Mixin JsonOption json;

  @Mixin OperatorOption by;

  /** What {@code --by} was called before every command said {@code --by}; kept so scripts work. */
  @Option(names = "--initiator", paramLabel = "NAME", hidden = true)
  String oldInitiator;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    CommandLine cl = command.commandLine();
    Mode parsedMode;
    try {
      parsedMode = Mode.parse(mode);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--mode " + e.getMessage());
    }
    if (id != null) {
      try {
        CycleIds.requireSafe(id);
      } catch (IllegalArgumentException e) {
        // One line and exit 2, before a spec is read or an engine is reached.
        throw new IllegalArgumentException("--id: " + e.getMessage(), e);
      }
    }
    String initiator = initiator();
    Path file = Path.of(specArgument);
    boolean byName = !Files.isRegularFile(file) && JobSpec.NAME.matcher(specArgument).matches();
    if (!byName && version != null) {
      throw new CommandLine.ParameterException(
          cl, "--version applies to a registered spec's name, not to a spec file");
    }
    JobSpec spec = byName ? null : SpecFiles.load(file, cl);
    PrintWriter out = cl.getOut();
    try (Session session = context.session()) {
      CycleClient cycles = session.cycleClient();
      SpecVersion pinned =
          byName
              ? SpecRegistryCommands.registry(session).get(specArgument, version)
              : SpecRegistryCommands.apply(session, file, spec, initiator).version();
      String cycleId =
          cycles.startByName(pinned.name(), pinned.version(), parsedMode, initiator, id);
      if (!await) {
        if (json.enabled) {
          out.println(Json.object("cycle", cycleId, "status", "RUNNING"));
        } else {
          out.println(cycleId);
        }
        out.flush();
        return ExitCodes.OK;
      }
      if (!json.enabled) {
        out.println(cycleId);
        out.flush();
      }
      CycleView last = new CycleWatcher(session, out, json.enabled).follow(cycleId);
      if (json.enabled) {
        out.println(Json.write(last));
      } else {
        Outcomes.describe(last, session.config(), out);
      }
      out.flush();
      return Outcomes.exitCode(last);
    }
  }

  /** Who starts the cycle: {@code --by}, or its old name {@code --initiator}, else the login. */
  String initiator() {
    if (oldInitiator == null) {
      return by.name();
    }
    if (by.name != null) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "--initiator is the old name of --by; give one of them, not both");
    }
    return OperatorOption.require(oldInitiator, "--initiator");
  }
}
