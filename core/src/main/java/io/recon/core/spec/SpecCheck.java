package io.recon.core.spec;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The logic of {@code recon spec check}: a verdict and a report, never a stack trace. */
public final class SpecCheck {
  /** Exit code of a valid spec. */
  public static final int OK = 0;

  /** Exit code of an invalid or unreadable spec. */
  public static final int INVALID = 2;

  private SpecCheck() {}

  /** Checks the spec in {@code file}. */
  public static SpecCheckResult run(Path file) {
    if (!Files.isRegularFile(file)) {
      return new SpecCheckResult(INVALID, file + ": no such file");
    }
    try {
      JobSpec spec = SpecLoader.load(file);
      return new SpecCheckResult(
          OK,
          "OK: spec '"
              + spec.name()
              + "' ("
              + spec.fields().size()
              + " fields, key "
              + spec.source().key()
              + " -> "
              + spec.target().key()
              + ")");
    } catch (SpecException e) {
      int n = e.problems().size();
      return new SpecCheckResult(
          INVALID,
          e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n"))
              + "\n"
              + n
              + (n == 1 ? " problem" : " problems")
              + " in "
              + file);
    } catch (UncheckedIOException e) {
      return new SpecCheckResult(INVALID, e.getMessage());
    } catch (RuntimeException e) {
      // A bug of ours must still not show the operator a stack trace.
      return new SpecCheckResult(INVALID, file + ": cannot check spec: " + e);
    }
  }
}
