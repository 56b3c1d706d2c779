package io.recon.cli;

import picocli.CommandLine.Option;

/** {@code --by NAME}: who acts, for the recon store and the audit; defaults to the login name. */
final class OperatorOption {
  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${env:USER:-operator}",
      description =
          "Who acts, recorded in the store and the audit (env USER, default ${DEFAULT-VALUE}).")
  String name;
}
