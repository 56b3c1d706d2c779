package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;

/**
 * The resolved request a cycle runs: the job, the mode, and who started the cycle. Clients start a
 * cycle with the flat input {@code io.recon.workflows.input.CycleInput} reads (a spec name or an
 * inline spec); this record is also accepted as start input in its Java JSON form, which histories
 * recorded before the flat input, the schedule workflow and continue-as-new use.
 *
 * @param initiator an operator's name, {@code schedule:<name>}, or a service's name; recorded in
 *     the store and the audit
 * @param resume null when a cycle starts; the progress carried over when a long cycle continues as
 *     new, so that its history stays bounded
 * @param specVersion the registry version of {@code spec}, or null for a spec given inline; a
 *     continued run keeps it
 */
public record CycleRequest(
    JobSpec spec, Mode mode, String initiator, CycleProgress resume, Integer specVersion) {
  public CycleRequest(JobSpec spec, Mode mode, String initiator) {
    this(spec, mode, initiator, null, null);
  }

  public CycleRequest(JobSpec spec, Mode mode, String initiator, CycleProgress resume) {
    this(spec, mode, initiator, resume, null);
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
