package io.recon.workflows.cycle;

/**
 * Counts of one range, or summed over a cycle. Only counts travel through Temporal, never records.
 *
 * @param sourceRecords source rows read
 * @param targetRecords target documents read
 * @param compared distinct keys examined: records on both sides compared field by field, plus every
 *     missing and orphan key at detection
 * @param missing persistent MISSING discrepancies (source row, no document)
 * @param orphan persistent ORPHAN discrepancies (document, no source row)
 * @param mismatch persistent MISMATCH discrepancies
 * @param transientCount discrepancies that agreed again at recheck: in-flight writes, not drift
 * @param low persistent discrepancies of severity LOW
 * @param medium persistent discrepancies of severity MEDIUM
 * @param high persistent discrepancies of severity HIGH
 * @param duplicate persistent DUPLICATE_KEY discrepancies (a key one side holds more than once);
 *     after the others, so that histories recorded before it existed read it as 0
 * @param invalidKey persistent INVALID_KEY discrepancies (a NULL or absent key part, either side);
 *     last, so that histories recorded before it existed read it as 0
 */
public record Counts(
    long sourceRecords,
    long targetRecords,
    long compared,
    long missing,
    long orphan,
    long mismatch,
    long transientCount,
    long low,
    long medium,
    long high,
    long duplicate,
    long invalidKey) {

  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Volumes, kinds and severities only: no duplicate or invalid keys. */
  public Counts(
      long sourceRecords,
      long targetRecords,
      long compared,
      long missing,
      long orphan,
      long mismatch,
      long transientCount,
      long low,
      long medium,
      long high) {
    this(
        sourceRecords,
        targetRecords,
        compared,
        missing,
        orphan,
        mismatch,
        transientCount,
        low,
        medium,
        high,
        0,
        0);
  }

  /** Persistent discrepancies of every kind. */
  public long discrepancies() {
    return missing + orphan + mismatch + duplicate + invalidKey;
  }

  public Counts plus(Counts o) {
    return new Counts(
        sourceRecords + o.sourceRecords,
        targetRecords + o.targetRecords,
        compared + o.compared,
        missing + o.missing,
        orphan + o.orphan,
        mismatch + o.mismatch,
        transientCount + o.transientCount,
        low + o.low,
        medium + o.medium,
        high + o.high,
        duplicate + o.duplicate,
        invalidKey + o.invalidKey);
  }
}
