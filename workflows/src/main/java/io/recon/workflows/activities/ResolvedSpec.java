package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;

/**
 * A registered spec as a cycle pins it: the spec, its version and the hash the registry recorded.
 * It is the result of an activity, so it is in the workflow's history and replays unchanged even
 * after a newer version is applied.
 */
public record ResolvedSpec(JobSpec spec, int version, String hash) {}
