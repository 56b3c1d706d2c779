package io.recon.activities.feed;

import java.util.List;

/**
 * Where a capture puts the keys it read: the recon store, durably. A capture confirms its position
 * to the side it reads (the slot's LSN, the change stream's resume token) only after {@link #store}
 * returned, so a killed worker loses no change; a replayed change stores a key that is already
 * waiting, which adds nothing.
 */
public interface KeySink {
  /**
   * Stores {@code keys} as waiting for feed {@code feed}, and {@code cursor} as the position of
   * {@code origin} read so far, in one transaction. Keys may repeat within and across calls: a key
   * waits once, with the time of its first unreconciled change.
   */
  void store(String feed, ChangeOrigin origin, List<ChangedKey> keys, String cursor);

  /** The cursor last stored for {@code origin} of {@code feed}, or null if none yet. */
  String cursor(String feed, ChangeOrigin origin);
}
