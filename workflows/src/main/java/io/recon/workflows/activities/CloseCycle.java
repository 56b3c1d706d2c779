package io.recon.workflows.activities;

import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Gate;
import java.time.Instant;

/**
 * Input of {@link StoreActivities#closeCycle}.
 *
 * @param watermarkTo moved into the job's watermark only when {@code state} is COMPLETED
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
    String error) {}
