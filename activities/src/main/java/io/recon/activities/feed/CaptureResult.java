package io.recon.activities.feed;

/**
 * What one poll of a capture read.
 *
 * @param changes row changes (source) or change events (target) read
 * @param keys job keys handed to the sink (before the sink's de-duplication)
 * @param cursor the position stored with them (an LSN such as {@code 0/16B3748}, or a resume
 *     token), or null if nothing was read yet
 * @param lagBytes how far the confirmed position is behind the side's current one, in bytes of WAL;
 *     -1 where not measurable (the target)
 * @param lagMillis how long ago the newest change read was committed, or -1 when none was read
 * @param retainedWalBytes the WAL the source keeps for the slot; -1 for the target
 * @param unsupported null when the side can be followed; otherwise why not, in one line (for
 *     example a MongoDB server without change streams), for {@code recon feed status}
 * @param truncates how many TRUNCATEs of captured tables were read: their rows are gone without a
 *     key per row, so the feed cannot name them; a full cycle finds the orphans they leave
 * @param undecodable changes read whose job key could not be decoded (a key part of a type the key
 *     cannot have, or absent from the event): counted and logged, never retried, so one bad value
 *     cannot stop the feed; the scheduled full cycle reports such records
 */
public record CaptureResult(
    long changes,
    long keys,
    String cursor,
    long lagBytes,
    long lagMillis,
    long retainedWalBytes,
    String unsupported,
    long truncates,
    long undecodable) {

  /** A result without truncates or undecodable changes. */
  public CaptureResult(
      long changes,
      long keys,
      String cursor,
      long lagBytes,
      long lagMillis,
      long retainedWalBytes,
      String unsupported) {
    this(changes, keys, cursor, lagBytes, lagMillis, retainedWalBytes, unsupported, 0, 0);
  }
}
