package io.recon.workflows.testing;

import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.util.function.Predicate;

/** Signals are applied by the next workflow task, so tests poll the status query briefly. */
public final class Poll {
  private Poll() {}

  /** The first status (real time, up to 20 s) that satisfies {@code until}. */
  public static CycleStatus status(ReconciliationWorkflow cycle, Predicate<CycleStatus> until)
      throws InterruptedException {
    CycleStatus last = null;
    for (int i = 0; i < 2_000; i++) {
      last = cycle.status();
      if (until.test(last)) {
        return last;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("status never got there; last: " + last);
  }
}
