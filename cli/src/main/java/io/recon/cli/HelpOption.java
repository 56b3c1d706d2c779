package io.recon.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} alone, for the commands whose own {@code --version N} (a spec version) takes
 * the name picocli's standard help options give to the tool's version.
 */
final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;
}
