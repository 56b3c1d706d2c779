package io.recon.activities.sides;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.compare.RecordKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One side's records of a key set, by key, with how many records hold each key (a side may hold a
 * key more than once, which the verdict reports as a duplicate).
 */
public final class KeyedRecords {
  private final Map<RecordKey, CanonicalRecord> first = new HashMap<>();
  private final Map<RecordKey, Long> copies = new HashMap<>();

  public KeyedRecords(List<CanonicalRecord> records) {
    for (CanonicalRecord r : records) {
      first.putIfAbsent(r.key(), r);
      copies.merge(r.key(), 1L, Long::sum);
    }
  }

  /** The first record read with {@code key}, or null. */
  public CanonicalRecord get(RecordKey key) {
    return first.get(key);
  }

  /** How many records hold {@code key}. */
  public long copies(RecordKey key) {
    return copies.getOrDefault(key, 0L);
  }
}
