package io.recon.activities.store;

import java.time.OffsetDateTime;

/**
 * One version of a spec in the registry.
 *
 * @param hash the SHA-256 of the spec's canonical form ({@code JobSpec.canonicalHash})
 * @param yaml the text that was applied, byte for byte
 */
public record SpecVersion(
    String name,
    int version,
    String hash,
    String yaml,
    String appliedBy,
    OffsetDateTime appliedAt) {}
