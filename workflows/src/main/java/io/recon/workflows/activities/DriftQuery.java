package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import java.time.Duration;

/** Which of a cycle's open discrepancies are older than {@code olderThan} across cycles. */
public record DriftQuery(JobSpec spec, String cycleId, Duration olderThan) {}
