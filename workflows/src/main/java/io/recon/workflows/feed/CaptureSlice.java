package io.recon.workflows.feed;

/**
 * What one capture slice read and stored, and the store's state after it: the workflow decides from
 * it whether to run a key-set cycle, without another activity.
 *
 * @param changes row changes (source) or change events (target) read
 * @param keys job keys handed to the store, before its de-duplication
 * @param cursor the position confirmed with them, or null if none yet
 * @param lagBytes bytes of WAL between the slot's confirmed position and the source's current one;
 *     -1 where not measurable (the target)
 * @param lagMillis how long ago the newest change read was committed; -1 when none was read
 * @param retainedWalBytes WAL the source keeps for the slot; -1 for the target
 * @param unsupported null when the side can be followed, otherwise why not
 * @param keysWaiting keys of the feed waiting after this slice
 * @param openCycle a full or incremental cycle of the job that is open now (a scheduled one, say),
 *     or null: a key-set cycle would be refused with CYCLE_ALREADY_RUNNING, so the feed waits for
 *     it
 * @param openKeySetCycles key-set cycles of the job open now, the feed's own included (one carried
 *     over a continue-as-new, or held for approval, still counts against {@code feed.cycles})
 * @param keysClaimable waiting keys no cycle holds: what a new key-set cycle would claim
 * @param claimingCycles the cycles holding keys of the feed now (at most {@link #CLAIMING_LIMIT}):
 *     a key-set cycle the feed started that is not listed has not claimed yet
 */
public record CaptureSlice(
    long changes,
    long keys,
    String cursor,
    long lagBytes,
    long lagMillis,
    long retainedWalBytes,
    String unsupported,
    long keysWaiting,
    String openCycle,
    long openKeySetCycles,
    long keysClaimable,
    java.util.List<String> claimingCycles) {
  /** The most claiming cycles a slice lists. */
  public static final int CLAIMING_LIMIT = 32;

  public CaptureSlice {
    claimingCycles =
        claimingCycles == null ? java.util.List.of() : java.util.List.copyOf(claimingCycles);
  }

  /** As recorded before key-set cycles could overlap. */
  public CaptureSlice(
      long changes,
      long keys,
      String cursor,
      long lagBytes,
      long lagMillis,
      long retainedWalBytes,
      String unsupported,
      long keysWaiting,
      String openCycle) {
    this(
        changes,
        keys,
        cursor,
        lagBytes,
        lagMillis,
        retainedWalBytes,
        unsupported,
        keysWaiting,
        openCycle,
        0,
        0,
        java.util.List.of());
  }
}
