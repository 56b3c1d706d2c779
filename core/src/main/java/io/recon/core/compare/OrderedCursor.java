package io.recon.core.compare;

import io.recon.core.canonical.CanonicalRecord;
import java.util.Iterator;

/**
 * One side of a merge-join, checked as it is read: keys strictly ascending and inside the range. A
 * side that disagrees with our key order would otherwise make the join report present rows as
 * missing and orphaned, so it fails loudly instead.
 */
final class OrderedCursor {
  private final String side;
  private final Iterator<CanonicalRecord> records;
  private final KeyRange range;
  private CanonicalRecord current;
  private long count;

  OrderedCursor(String side, Iterator<CanonicalRecord> records, KeyRange range) {
    this.side = side;
    this.records = records;
    this.range = range;
    advance();
  }

  CanonicalRecord current() {
    return current;
  }

  long count() {
    return count;
  }

  void advance() {
    CanonicalRecord previous = current;
    current = records.hasNext() ? records.next() : null;
    if (current == null) {
      return;
    }
    count++;
    RecordKey key = current.key();
    if (previous != null && previous.key().compareTo(key) >= 0) {
      throw new IllegalStateException(
          side
              + " records are not strictly ascending by key: "
              + previous.key()
              + " then "
              + key
              + (previous.key().equals(key) ? " (duplicate key)" : " (out of order)"));
    }
    if (!range.contains(key)) {
      throw new IllegalStateException(side + " record " + key + " lies outside range " + range);
    }
  }
}
