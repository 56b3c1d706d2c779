package io.recon.workflows.activities;

import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Gate;
import java.time.Instant;

/**
 * Input of {@link StoreActivities#closeCycle}.
 *
 * @param watermarkTo moved into the job's watermark only when {@code state} is COMPLETED
 * @param closedBy who ended the cycle when a person did (a CANCELLED cycle), else null
 * @param reason why they did, or null
 */
public record CloseCycle(
    String cycleId,
    String specName,
    String specHash,
    CycleState state,
    int rangesTotal,
    int rangesDone,
    Counts counts,
    Gate gate,
    Instant watermarkFrom,
    Instant watermarkTo,
    String error,
    String closedBy,
    String reason) {

  /** A close that no person asked for: a cycle that completed or failed on its own. */
  public CloseCycle(
      String cycleId,
      String specName,
      String specHash,
      CycleState state,
      int rangesTotal,
      int rangesDone,
      Counts counts,
      Gate gate,
      Instant watermarkFrom,
      Instant watermarkTo,
      String error) {
    this(
        cycleId,
        specName,
        specHash,
        state,
        rangesTotal,
        rangesDone,
        counts,
        gate,
        watermarkFrom,
        watermarkTo,
        error,
        null,
        null);
  }
}
