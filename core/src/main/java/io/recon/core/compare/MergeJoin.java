package io.recon.core.compare;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.spec.JobSpec;
import java.util.Iterator;

/**
 * Streams two key-ordered sides of one range against each other, in memory independent of the range
 * size. Both sides must be sorted in {@link RecordKey} order, which is what PostgreSQL gives with
 * {@code ORDER BY key COLLATE "C"} and MongoDB with a sort on the key.
 */
public final class MergeJoin {
  private final RecordDiff diff;

  public MergeJoin(JobSpec spec) {
    this.diff = new RecordDiff(spec);
  }

  /**
   * Compares {@code source} with {@code target} over {@code range} and reports every discrepancy to
   * {@code sink}, in key order. A key that either side holds more than once is one {@code
   * DUPLICATE_KEY} discrepancy and nothing else (which copy is the truth cannot be known); the join
   * goes on with the next key.
   *
   * @throws OutOfOrderException if either side is out of order or yields a key outside {@code
   *     range}; the message names the side and the keys
   */
  public CompareCounts run(
      KeyRange range,
      Iterator<CanonicalRecord> source,
      Iterator<CanonicalRecord> target,
      DiscrepancySink sink) {
    var s = new OrderedCursor("source", source, range);
    var t = new OrderedCursor("target", target, range);
    long compared = 0;
    long missing = 0;
    long orphan = 0;
    long mismatch = 0;
    long duplicate = 0;
    while (s.current() != null || t.current() != null) {
      CanonicalRecord a = s.current();
      CanonicalRecord b = t.current();
      int order = a == null ? 1 : b == null ? -1 : a.key().compareTo(b.key());
      long sourceCopies = order <= 0 ? s.copies() : 0;
      long targetCopies = order >= 0 ? t.copies() : 0;
      RecordKey key = order <= 0 ? a.key() : b.key();
      Discrepancy d =
          diff.of(key, sourceCopies, order <= 0 ? a : null, targetCopies, order >= 0 ? b : null);
      if (d != null) {
        sink.accept(d);
      }
      if (sourceCopies > 1 || targetCopies > 1) {
        duplicate++;
      } else if (order < 0) {
        missing++;
      } else if (order > 0) {
        orphan++;
      } else {
        compared++;
        if (d != null) {
          mismatch++;
        }
      }
      if (order <= 0) {
        s.advance();
      }
      if (order >= 0) {
        t.advance();
      }
    }
    return new CompareCounts(s.count(), t.count(), compared, missing, orphan, mismatch, duplicate);
  }
}
