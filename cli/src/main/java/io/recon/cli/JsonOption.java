package io.recon.cli;

import picocli.CommandLine.Option;

/** {@code --json}: one line of JSON instead of text, the same flag in every command that has it. */
final class JsonOption {
  @Option(
      names = "--json",
      description = "Print one line of JSON instead of text (fields are added, never renamed).")
  boolean enabled;
}
