package io.recon.workflows.cycle;

import java.time.Instant;

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
 */
public record CycleProgress(
    Instant startedAt,
    int rangesTotal,
    int nextRange,
    int rangesDone,
    Counts counts,
    Instant watermarkFrom,
    Instant watermarkTo,
    int runs) {}
