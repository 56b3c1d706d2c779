package io.recon.workflows.cycle;

import java.time.Instant;
import java.util.List;

/**
 * What a cycle has done so far, carried across continue-as-new. Small by design: the ranges
 * themselves live in the recon store, and only their number and a cursor travel here.
 *
 * @param startedAt when the cycle's first run started
 * @param rangesTotal ranges planned
 * @param nextRange the first range whose child has not been started
 * @param rangesDone ranges whose child completed
 * @param counts summed over completed ranges
 * @param watermarkFrom for incremental cycles, the watermark compared from (after the overlap)
 * @param watermarkTo the watermark this cycle advances the job to when it completes
 * @param runs how many runs of the workflow this cycle has used, this one included
 * @param decisions the recent decisions on signals, so {@code status} keeps showing them (bounded)
 * @param requestIds the request ids of the most recent accepted signals, so that a duplicate is
 *     recognised after continue-as-new too (bounded)
 * @param repair null until routing; then where repair and approval stand
 */
public record CycleProgress(
    Instant startedAt,
    int rangesTotal,
    int nextRange,
    int rangesDone,
    Counts counts,
    Instant watermarkFrom,
    Instant watermarkTo,
    int runs,
    List<Decision> decisions,
    List<String> requestIds,
    RepairProgress repair) {

  public CycleProgress {
    counts = counts == null ? Counts.ZERO : counts;
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    requestIds = requestIds == null ? List.of() : List.copyOf(requestIds);
    if (nextRange < rangesDone || nextRange > rangesTotal) {
      throw new IllegalArgumentException(
          "CycleProgress.nextRange must be in [rangesDone, rangesTotal], not " + nextRange);
    }
  }
}
