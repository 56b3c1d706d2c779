package io.recon.cli;

import io.recon.core.spec.SpecCheck;
import io.recon.core.spec.SpecCheckResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code recon spec}: work with job spec files. */
@Command(
    name = "spec",
    header = "Check job spec files.",
    mixinStandardHelpOptions = true,
    description = "Check job spec files.",
    subcommands = {SpecCommand.Check.class})
final class SpecCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code recon spec check FILE [--connect]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Validate a spec file and report every problem at once, with line and column.",
        "Exits 0 when valid, 2 when not."
      })
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The spec file (YAML).")
    Path file;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      SpecCheckResult result = SpecCheck.run(file);
      if (result.exitCode() != SpecCheck.OK) {
        command.commandLine().getErr().println(result.report());
        return ExitCodes.USAGE;
      }
      command.commandLine().getOut().println(result.report());
      return ExitCodes.OK;
    }
  }
}
