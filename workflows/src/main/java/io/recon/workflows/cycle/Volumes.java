package io.recon.workflows.cycle;

/**
 * How much one range, or one cycle, read: the volume side of {@link Counts}.
 *
 * @param sourceRecords source rows read
 * @param targetRecords target documents read
 * @param compared distinct keys examined: records on both sides compared field by field, plus every
 *     missing, orphan, duplicate and invalid key at detection
 */
public record Volumes(long sourceRecords, long targetRecords, long compared) {
  public static final Volumes ZERO = new Volumes(0, 0, 0);

  public Volumes plus(Volumes o) {
    return new Volumes(
        sourceRecords + o.sourceRecords, targetRecords + o.targetRecords, compared + o.compared);
  }
}
