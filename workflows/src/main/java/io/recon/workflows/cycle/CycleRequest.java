package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;

/**
 * The one input of {@link ReconciliationWorkflow}: the job, the mode, and who started the cycle.
 * Services build it with the three-argument constructor.
 *
 * @param initiator an operator's name, {@code schedule:<name>}, or a service's name; recorded in
 *     the store and the audit
 * @param resume null when a cycle starts; the progress carried over when a long cycle continues as
 *     new, so that its history stays bounded
 */
public record CycleRequest(JobSpec spec, Mode mode, String initiator, CycleProgress resume) {
  public CycleRequest(JobSpec spec, Mode mode, String initiator) {
    this(spec, mode, initiator, null);
  }

  public CycleRequest {
    if (spec == null) {
      throw new IllegalArgumentException("CycleRequest.spec is required");
    }
    mode = mode == null ? Mode.FULL : mode;
    if (initiator == null || initiator.isBlank()) {
      throw new IllegalArgumentException("CycleRequest.initiator is required");
    }
  }
}
