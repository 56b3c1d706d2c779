package io.recon.core.compare;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.canonical.RecordComparator;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Severity;
import java.util.Iterator;
import java.util.List;

/**
 * Streams two key-ordered sides of one range against each other, in memory independent of the range
 * size. Both sides must be sorted in {@link RecordKey} order, which is what PostgreSQL gives with
 * {@code ORDER BY key COLLATE "C"} and MongoDB with a sort on the key.
 */
public final class MergeJoin {
  private final RecordComparator comparator;
  private final Severity missingSeverity;
  private final Severity orphanSeverity;

  public MergeJoin(JobSpec spec) {
    this.comparator = new RecordComparator(spec);
    this.missingSeverity = spec.missing().severity();
    this.orphanSeverity = spec.orphan().severity();
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
      if (sourceCopies > 1 || targetCopies > 1) {
        RecordKey key = order <= 0 ? a.key() : b.key();
        sink.accept(Discrepancy.duplicate(key, Severity.HIGH, sourceCopies, targetCopies));
        duplicate++;
      } else if (order < 0) {
        sink.accept(discrepancy(a.key(), DiscrepancyKind.MISSING, missingSeverity, a, null));
        missing++;
      } else if (order > 0) {
        sink.accept(discrepancy(b.key(), DiscrepancyKind.ORPHAN, orphanSeverity, null, b));
        orphan++;
      } else {
        compared++;
        List<FieldDiff> diffs = comparator.diff(a, b);
        if (!diffs.isEmpty()) {
          Severity worst =
              diffs.stream().map(FieldDiff::severity).max(Enum::compareTo).orElseThrow();
          sink.accept(
              new Discrepancy(
                  a.key(), DiscrepancyKind.MISMATCH, worst, diffs, a.hashHex(), b.hashHex()));
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

  private static Discrepancy discrepancy(
      RecordKey key,
      DiscrepancyKind kind,
      Severity severity,
      CanonicalRecord source,
      CanonicalRecord target) {
    return new Discrepancy(
        key,
        kind,
        severity,
        List.of(),
        source == null ? null : source.hashHex(),
        target == null ? null : target.hashHex());
  }
}
