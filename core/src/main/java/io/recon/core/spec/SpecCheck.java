package io.recon.core.spec;

import java.util.stream.Collectors;

/**
 * The logic of {@code recon spec check} over a spec's text: a verdict and a report, never a stack
 * trace. Reading the file (and reporting one that is missing or unreadable) is {@code
 * io.recon.starter.SpecFile}'s.
 */
public final class SpecCheck {
  /** Exit code of a valid spec. */
  public static final int OK = 0;

  /** Exit code of an invalid or unreadable spec. */
  public static final int INVALID = 2;

  private SpecCheck() {}

  /** Checks the spec {@code yaml}; {@code fileName} labels the problems. */
  public static SpecCheckResult run(String yaml, String fileName) {
    try {
      JobSpec spec = SpecLoader.parse(yaml, fileName);
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
              + fileName);
    } catch (RuntimeException e) {
      // A bug of ours must still not show the operator a stack trace.
      return new SpecCheckResult(INVALID, fileName + ": cannot check spec: " + e);
    }
  }
}
