package io.recon.cli;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecCheck;
import io.recon.core.spec.SpecCheckResult;
import io.recon.starter.SpecFile;
import java.nio.file.Path;
import picocli.CommandLine;

/** Loads a spec for a command, turning every problem into a usage error (exit 2). */
final class SpecFiles {
  private SpecFiles() {}

  static JobSpec load(Path file, CommandLine commandLine) {
    SpecCheckResult check = SpecFile.check(file);
    if (check.exitCode() != SpecCheck.OK) {
      throw new CommandLine.ParameterException(commandLine, check.report());
    }
    return SpecFile.load(file);
  }
}
