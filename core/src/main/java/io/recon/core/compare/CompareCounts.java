package io.recon.core.compare;

/**
 * What one merge-join saw.
 *
 * @param compared keys present on both sides, each once
 * @param duplicate keys that a side holds more than once ({@code DUPLICATE_KEY})
 */
public record CompareCounts(
    long sourceRecords,
    long targetRecords,
    long compared,
    long missing,
    long orphan,
    long mismatch,
    long duplicate) {
  public static final CompareCounts ZERO = new CompareCounts(0, 0, 0, 0, 0, 0, 0);

  /** The sum of both counts, to add up the partitions of a cycle. */
  public CompareCounts plus(CompareCounts o) {
    return new CompareCounts(
        sourceRecords + o.sourceRecords,
        targetRecords + o.targetRecords,
        compared + o.compared,
        missing + o.missing,
        orphan + o.orphan,
        mismatch + o.mismatch,
        duplicate + o.duplicate);
  }
}
