package io.recon.cli;

import io.recon.core.spec.SpecCheck;
import io.recon.core.spec.SpecCheckResult;
import io.recon.starter.SpecFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon spec}: work with job spec files. */
@Command(
    name = "spec",
    header = "Check job spec files, and keep versions of them in the spec registry.",
    mixinStandardHelpOptions = true,
    description = {
      "Check job spec files, and keep versions of them in the spec registry (the recon store):",
      "apply stores a new version, list, show and diff read them."
    },
    subcommands = {
      SpecCommand.Check.class,
      SpecRegistryCommands.Apply.class,
      SpecRegistryCommands.ListSpecs.class,
      SpecRegistryCommands.Show.class,
      SpecRegistryCommands.Diff.class
    })
final class SpecCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code recon spec check FILE [--connect]}. */
  @Command(
      name = "check",
      header = "Validate a spec file; --connect checks it against the live engines.",
      mixinStandardHelpOptions = true,
      description = {
        "Validate a spec file and report every problem at once, with line and column.",
        "Exits 0 when valid, 2 when not."
      })
  static final class Check implements Callable<Integer> {
    private final CliContext context;

    Check(CliContext context) {
      this.context = context;
    }

    @Parameters(paramLabel = "FILE", description = "The spec file (YAML).")
    Path file;

    @Option(
        names = "--connect",
        description = {
          "Also check against the live source and target (RECON_SOURCE_URL, RECON_MONGO_URI):",
          "the relation runs, every named column and the key exist; the target is sampled."
        })
    boolean connect;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      SpecCheckResult result = SpecFile.check(file);
      if (result.exitCode() != SpecCheck.OK) {
        command.commandLine().getErr().println(result.report());
        return ExitCodes.USAGE;
      }
      command.commandLine().getOut().println(result.report());
      if (connect) {
        PrintWriter out = command.commandLine().getOut();
        int exit =
            new LiveSpecCheck(context.config(), out, command.commandLine().getErr())
                .run(SpecFile.load(file));
        out.flush();
        return exit;
      }
      return ExitCodes.OK;
    }
  }
}
