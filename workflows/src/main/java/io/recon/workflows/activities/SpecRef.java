package io.recon.workflows.activities;

/**
 * Input of {@link StoreActivities#resolveSpec}: a spec of the registry by name.
 *
 * @param version the version to run, or null for the latest
 */
public record SpecRef(String name, Integer version) {}
