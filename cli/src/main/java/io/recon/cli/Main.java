package io.recon.cli;

/** Entry point of the {@code recon} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code; used by tests too. */
  public static int execute(String... args) {
    return ReconCommand.commandLine().execute(args);
  }
}
