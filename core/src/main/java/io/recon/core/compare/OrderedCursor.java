package io.recon.core.compare;

import io.recon.core.canonical.CanonicalRecord;
import java.util.Iterator;

/**
 * One side of a merge-join, checked as it is read: keys ascending and inside the range. Records
 * that repeat a key are folded into one position whose {@link #copies()} says how many there were,
 * so a duplicate becomes a discrepancy and the join goes on. A side that disagrees with our key
 * order would make the join report present rows as missing and orphaned, so it fails loudly.
 */
final class OrderedCursor {
  private final String side;
  private final Iterator<CanonicalRecord> records;
  private final KeyRange range;
  private CanonicalRecord current;
  private CanonicalRecord lookahead;
  private long copies;
  private long count;

  OrderedCursor(String side, Iterator<CanonicalRecord> records, KeyRange range) {
    this.side = side;
    this.records = records;
    this.range = range;
    advance();
  }

  /** The record at the current key (the first of its copies), or null at the end. */
  CanonicalRecord current() {
    return current;
  }

  /** How many records of this side hold the current key: more than one is a duplicate key. */
  long copies() {
    return copies;
  }

  /** Records read, duplicates included. */
  long count() {
    return count;
  }

  void advance() {
    CanonicalRecord previous = current;
    current = lookahead != null ? lookahead : read();
    lookahead = null;
    copies = 0;
    if (current == null) {
      return;
    }
    RecordKey key = current.key();
    if (previous != null && previous.key().compareTo(key) >= 0) {
      throw new OutOfOrderException(
          side + " records are not ascending by key: " + previous.key() + " then " + key);
    }
    if (!range.contains(key)) {
      throw new OutOfOrderException(side + " record " + key + " lies outside range " + range);
    }
    copies = 1;
    // Fold every following record of the same key; the first other key waits for the next call.
    for (CanonicalRecord next = read(); next != null; next = read()) {
      if (next.key().compareTo(key) != 0) {
        lookahead = next;
        break;
      }
      copies++;
    }
  }

  private CanonicalRecord read() {
    if (!records.hasNext()) {
      return null;
    }
    count++;
    return records.next();
  }
}
