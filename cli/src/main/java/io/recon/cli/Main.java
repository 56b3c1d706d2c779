package io.recon.cli;

/** Entry point of the {@code recon} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line against the process environment and returns its exit code. */
  public static int execute(String... args) {
    return ReconCommand.commandLine(CliContext.fromProcess()).execute(args);
  }
}
