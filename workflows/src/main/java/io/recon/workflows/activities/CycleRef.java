package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;

/** A cycle and its job, for activities that work on all of a cycle's discrepancies in a state. */
public record CycleRef(JobSpec spec, String cycleId) {}
