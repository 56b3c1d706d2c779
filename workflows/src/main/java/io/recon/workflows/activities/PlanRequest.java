package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;

/** Input of {@link CompareActivities#planRanges}. */
public record PlanRequest(JobSpec spec, String cycleId, Mode mode, Instant since) {}
