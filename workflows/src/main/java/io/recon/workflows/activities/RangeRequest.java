package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;

/** One range of one cycle, for comparison and recheck; its bounds are read from the store. */
public record RangeRequest(
    JobSpec spec,
    String cycleId,
    int rangeIndex,
    Mode mode,
    Instant since,
    String workflowId,
    String runId) {}
