package io.recon.cli.dev;

import io.recon.cli.CliContext;
import io.recon.cli.ReconCommand;
import io.recon.cli.bench.BenchCommand;
import io.recon.cli.chaos.ChaosCommand;
import io.recon.cli.demo.DemoCommand;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of the dev kit ({@code dev/target/recon-dev.jar}, run by {@code ./recon}): every
 * production command plus {@code dev}, {@code demo}, {@code bench} and {@code chaos}, which start
 * embedded engines the production jar does not carry.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) {
    System.exit(commandLine(CliContext.fromProcess()).execute(args));
  }

  /** The production command line with the dev kit's commands added. */
  public static CommandLine commandLine(CliContext context) {
    return ReconCommand.commandLine(
        context,
        List.of(DevCommand.class, DemoCommand.class, BenchCommand.class, ChaosCommand.class));
  }
}
