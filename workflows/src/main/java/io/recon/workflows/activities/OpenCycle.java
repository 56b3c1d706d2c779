package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;

/**
 * Input of {@link StoreActivities#openCycle}.
 *
 * @param specVersion the registered version the cycle runs with, or null for an inline spec
 */
public record OpenCycle(
    JobSpec spec,
    String cycleId,
    String runId,
    Mode mode,
    String initiator,
    Instant startedAt,
    Integer specVersion) {

  /** A cycle of an inline spec, which has no registered version. */
  public OpenCycle(
      JobSpec spec, String cycleId, String runId, Mode mode, String initiator, Instant startedAt) {
    this(spec, cycleId, runId, mode, initiator, startedAt, null);
  }
}
