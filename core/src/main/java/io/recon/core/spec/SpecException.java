package io.recon.core.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a spec file, reported together so one edit round fixes them all. */
public class SpecException extends RuntimeException {
  private final List<SpecProblem> problems;

  public SpecException(List<SpecProblem> problems) {
    super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<SpecProblem> problems() {
    return problems;
  }
}
