package io.recon.cli;

import picocli.CommandLine.Option;

/** {@code --by NAME}: who acts, for the recon store and the audit; defaults to the login name. */
final class OperatorOption {
  private final CliContext context;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description =
          "Who acts, recorded in the store and the audit (default: env USER, else operator).")
  String name;

  OperatorOption(CliContext context) {
    this.context = context;
  }

  /** The name given with {@code --by}, else the login name of the context. */
  String name() {
    return name != null ? require(name, "--by") : context.login();
  }

  /** {@code name}, unless it is blank: the store and the audit must say who acted. */
  static String require(String name, String option) {
    if (name.isBlank()) {
      throw new IllegalArgumentException(option + " needs a name, not an empty one");
    }
    return name;
  }
}
