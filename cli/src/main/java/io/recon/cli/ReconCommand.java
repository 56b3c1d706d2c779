package io.recon.cli;

import io.recon.activities.repair.RetentionPruned;
import io.recon.activities.retention.UnknownSpecException;
import io.recon.core.canonical.Displays;
import io.recon.core.config.ConfigCatalogue;
import io.recon.core.config.ConfigException;
import io.recon.starter.UnknownCycleException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root {@code recon} command: subcommands plug in here. */
@Command(
    name = "recon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reconciles MongoDB copies against their authoritative PostgreSQL source on Temporal:",
      "finds every divergence, repairs it safely, and proves what it did."
    },
    subcommands = {
      WorkerCommand.class,
      MigrateCommand.class,
      SpecCommand.class,
      RunCommand.class,
      StatusCommand.class,
      DecisionCommand.Approve.class,
      DecisionCommand.Reject.class,
      CancelCommand.class,
      ReportCommand.class,
      RollbackCommand.class,
      HistoryCommand.class,
      ScheduleCommand.class,
      AuditCommand.class,
      FeedCommand.class,
      PruneCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:in sync, or everything repaired",
      "1:failure",
      "2:bad usage or bad spec",
      "3:discrepancies remain, or a decision is pending",
      "4:the audit chain is broken",
      "5:retention pruned what the command needs (rollback of a pruned before-image)"
    })
public final class ReconCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * The production {@code recon} command line; every command that needs the environment gets it
   * from {@code context}, through the factory, and from nowhere else. The dev kit's commands answer
   * that they live in the dev kit.
   */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, List.of());
  }

  /**
   * The command line with {@code devCommands} (picocli command classes, built by the factory with
   * {@code context}) added; every name of {@link DevKitCommand#NAMES} that none of them takes is
   * answered by a hidden {@link DevKitCommand}.
   */
  public static CommandLine commandLine(CliContext context, List<Class<?>> devCommands) {
    CommandLine cl = new CommandLine(new ReconCommand(), new CliFactory(context));
    devCommands.forEach(cl::addSubcommand);
    for (String name : DevKitCommand.NAMES) {
      if (!cl.getSubcommands().containsKey(name)) {
        cl.addSubcommand(name, new DevKitCommand());
      }
    }
    // The footer is the configuration catalogue itself, so it lists every variable recon reads.
    List<String> footer = new ArrayList<>(List.of(""));
    ConfigCatalogue.helpFooter().forEach(line -> footer.add(line.replace("%", "%%")));
    cl.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    cl.setExitCodeExceptionMapper(ReconCommand::exitCodeOf);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          boolean verbose = parseResult.hasMatchedOption("--verbose");
          // Escaped, so an error that quotes data or input stays one inert line.
          commandLine.getErr().println("recon: " + Displays.escape(UserErrors.describe(e)));
          if (verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          return exitCodeOf(e);
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println("recon: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    return cl;
  }

  private static int exitCodeOf(Throwable e) {
    if (e instanceof RetentionPruned) {
      return ExitCodes.PRUNED;
    }
    if (e instanceof ConfigException
        || e instanceof UnknownSpecException
        || e instanceof CommandLine.ParameterException
        || e instanceof UnknownCycleException
        || e instanceof IllegalArgumentException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }
}
