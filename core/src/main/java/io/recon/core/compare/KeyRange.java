package io.recon.core.compare;

/**
 * The half-open key range {@code [lo, hi)}; a null bound is open. Half-open ranges make adjacent
 * partitions share no row, so no boundary row is compared twice or skipped.
 */
public record KeyRange(RecordKey lo, RecordKey hi) {
  /** The range of all keys. */
  public static final KeyRange ALL = new KeyRange(null, null);

  public KeyRange {
    if (lo != null && hi != null && lo.compareTo(hi) >= 0) {
      throw new IllegalArgumentException("KeyRange.lo " + lo + " must be below hi " + hi);
    }
  }

  /** Whether {@code lo <= key < hi}. */
  public boolean contains(RecordKey key) {
    return (lo == null || lo.compareTo(key) <= 0) && (hi == null || key.compareTo(hi) < 0);
  }

  @Override
  public String toString() {
    return "[" + (lo == null ? "-inf" : lo) + ", " + (hi == null ? "+inf" : hi) + ")";
  }
}
