package io.recon.activities.feed;

import io.recon.core.compare.RecordKey;
import java.time.Instant;

/**
 * A job key that changed on one side.
 *
 * @param key the job key (as {@code source.key} and {@code target.key} define it)
 * @param origin the side whose change touched it
 * @param changedAt when the change was committed on that side (the source transaction's commit
 *     time; the change event's cluster time on the target), the start of change-to-verdict latency
 */
public record ChangedKey(RecordKey key, ChangeOrigin origin, Instant changedAt) {}
