package io.recon.activities.repair;

import io.recon.core.compare.DiscrepancyKind;
import java.time.OffsetDateTime;

/** One discrepancy to repair or verify, as the store holds it. */
record Approved(
    long id,
    String keyText,
    String keyJson,
    String keyHash,
    DiscrepancyKind kind,
    String targetHash,
    OffsetDateTime firstSeenAt) {}
