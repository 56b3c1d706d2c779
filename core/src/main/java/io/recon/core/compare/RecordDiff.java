package io.recon.core.compare;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.canonical.RecordComparator;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Severity;
import java.util.List;

/**
 * What differs between the two sides of one key: the one verdict that the merge-join, the recheck
 * and the verify of a repair all give, so a record judged different by one is judged different by
 * the others. Pure: it reads nothing but its arguments and the spec.
 */
public final class RecordDiff {
  private final RecordComparator comparator;
  private final Severity missingSeverity;
  private final Severity orphanSeverity;

  public RecordDiff(JobSpec spec) {
    this.comparator = new RecordComparator(spec);
    this.missingSeverity = spec.missing().severity();
    this.orphanSeverity = spec.orphan().severity();
  }

  /**
   * The discrepancy of {@code key}, or null when the sides agree. A key that either side holds more
   * than once is a {@code DUPLICATE_KEY} and nothing else, since which copy is the truth cannot be
   * known; otherwise a key only the source holds is {@code MISSING}, one only the target holds is
   * an {@code ORPHAN}, and one both hold is a {@code MISMATCH} at the highest severity of its
   * differing fields.
   *
   * @param sourceCopies how many source records hold {@code key}
   * @param source one of them, or null if there is none
   * @param targetCopies how many target records hold {@code key}
   * @param target one of them, or null if there is none
   */
  public Discrepancy of(
      RecordKey key,
      long sourceCopies,
      CanonicalRecord source,
      long targetCopies,
      CanonicalRecord target) {
    if (sourceCopies > 1 || targetCopies > 1) {
      return Discrepancy.duplicate(key, Severity.HIGH, sourceCopies, targetCopies);
    }
    return of(key, source, target);
  }

  /** The discrepancy of {@code key} held at most once by each side, or null when they agree. */
  public Discrepancy of(RecordKey key, CanonicalRecord source, CanonicalRecord target) {
    if (source == null && target == null) {
      return null;
    }
    if (target == null) {
      return new Discrepancy(
          key, DiscrepancyKind.MISSING, missingSeverity, List.of(), source.hashHex(), null);
    }
    if (source == null) {
      return new Discrepancy(
          key, DiscrepancyKind.ORPHAN, orphanSeverity, List.of(), null, target.hashHex());
    }
    List<FieldDiff> diffs = comparator.diff(source, target);
    if (diffs.isEmpty()) {
      return null;
    }
    Severity worst = diffs.stream().map(FieldDiff::severity).max(Enum::compareTo).orElseThrow();
    return new Discrepancy(
        key, DiscrepancyKind.MISMATCH, worst, diffs, source.hashHex(), target.hashHex());
  }
}
