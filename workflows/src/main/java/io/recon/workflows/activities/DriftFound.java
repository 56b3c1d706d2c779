package io.recon.workflows.activities;

import java.time.Instant;

/**
 * The persistent drift of a cycle's job.
 *
 * @param open discrepancies still open at the end of this cycle whose key has differed since at
 *     least the threshold ago ({@code first_seen_at}, which a key seen again keeps across cycles)
 * @param oldestSince the earliest first sighting among them, or null when {@code open} is 0
 */
public record DriftFound(long open, Instant oldestSince) {
  public static final DriftFound NONE = new DriftFound(0, null);
}
