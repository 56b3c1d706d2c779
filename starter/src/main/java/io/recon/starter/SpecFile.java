package io.recon.starter;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecCheck;
import io.recon.core.spec.SpecCheckResult;
import io.recon.core.spec.SpecException;
import io.recon.core.spec.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a job spec file and hands its text to core, which parses and checks it without any I/O of
 * its own.
 */
public final class SpecFile {
  private SpecFile() {}

  /**
   * Loads and validates the spec in {@code file}.
   *
   * @throws SpecException listing every problem
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static JobSpec load(Path file) {
    return SpecLoader.parse(read(file), file.toString());
  }

  /**
   * Checks the spec in {@code file}: {@link SpecCheck#INVALID} with one line naming the file when
   * it is missing or unreadable, else core's verdict on its text.
   */
  public static SpecCheckResult check(Path file) {
    if (!Files.isRegularFile(file)) {
      return new SpecCheckResult(SpecCheck.INVALID, file + ": no such file");
    }
    String yaml;
    try {
      yaml = read(file);
    } catch (UncheckedIOException e) {
      return new SpecCheckResult(SpecCheck.INVALID, e.getMessage());
    }
    return SpecCheck.run(yaml, file.toString());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
