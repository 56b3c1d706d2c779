package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;

/**
 * Input of {@link RepairActivities#route}.
 *
 * @param compared records compared by the whole cycle: the gate's denominator
 */
public record RouteRequest(JobSpec spec, String cycleId, long compared) {}
