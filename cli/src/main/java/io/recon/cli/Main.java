package io.recon.cli;

/** Entry point of the {@code recon} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code. */
  public static int execute(String... args) {
    return ReconCommand.commandLine().execute(args);
  }

  /** Runs one command line with {@code env} in place of the process environment (for tests). */
  public static int execute(
      java.util.Map<String, String> env, picocli.CommandLine commandLine, String... args) {
    CliEnvironment.set(env);
    try {
      return commandLine.execute(args);
    } finally {
      CliEnvironment.clear();
    }
  }
}
