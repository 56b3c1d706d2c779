package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;

/** Input of {@link StoreActivities#openCycle}. */
public record OpenCycle(
    JobSpec spec, String cycleId, String runId, Mode mode, String initiator, Instant startedAt) {}
