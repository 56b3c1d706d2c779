package io.recon.workflows.feed;

import java.time.Instant;

/**
 * The feed's status, as the {@code status} query answers and {@code recon feed status --json}
 * prints it. Counts are since the feed was started (carried across continue-as-new).
 *
 * @param name the feed's name: its spec's name
 * @param status {@code STARTING}, {@code RUNNING}, {@code STOPPING}, {@code STOPPED} or {@code
 *     FAILED}
 * @param specVersion the registry version the feed runs, or null for an inline spec
 * @param keysWaiting keys waiting for a key-set cycle, as the last slice or release counted them
 * @param stopRefused why the last {@code stop} signal was refused (malformed, no {@code by}), or
 *     null
 * @param error why the feed failed, in one line, or null
 */
public record FeedStatus(
    String name,
    String status,
    Integer specVersion,
    Source source,
    Target target,
    long keysWaiting,
    Cycles cycles,
    String startedBy,
    Instant startedAt,
    String stopRefused,
    String error) {

  /**
   * The source side.
   *
   * @param cursor the slot's confirmed position (an LSN), or null
   * @param lagBytes WAL bytes the confirmed position is behind the source; -1 when unknown
   * @param lagMillis how long ago the newest change read was committed; -1 when none was read
   * @param retainedWalBytes WAL the source keeps for the slot; -1 when unknown
   * @param changes row changes read since the feed started
   */
  public record Source(
      String cursor, long lagBytes, long lagMillis, long retainedWalBytes, long changes) {
    public static final Source NONE = new Source(null, -1, -1, -1, 0);
  }

  /**
   * The target side.
   *
   * @param supported whether the target has change streams
   * @param unsupported why not, in one line, or null
   * @param cursor the stored resume token, or null
   * @param changes change events read since the feed started
   */
  public record Target(boolean supported, String unsupported, String cursor, long changes) {
    public static final Target UNKNOWN = new Target(false, null, null, 0);
  }

  /**
   * The key-set cycles the feed ran.
   *
   * @param completed cycles that ended (any outcome) and released their keys
   * @param lastCycleId the latest one, or null
   * @param lastOutcome how it ended ({@code COMPLETED ...}, {@code FAILED: ...}), or why no cycle
   *     ran ({@code waiting: cycle X of the job is open}), or null
   * @param keysReconciled keys released as reconciled
   * @param maxLatencyMillis the largest change-to-verdict latency seen, in ms
   * @param inFlight key-set cycles of this feed running now (at most {@code feed.cycles})
   */
  public record Cycles(
      long completed,
      String lastCycleId,
      String lastOutcome,
      long keysReconciled,
      long maxLatencyMillis,
      int inFlight) {
    public static final Cycles NONE = new Cycles(0, null, null, 0, 0, 0);

    /** As recorded before key-set cycles could overlap. */
    public Cycles(
        long completed,
        String lastCycleId,
        String lastOutcome,
        long keysReconciled,
        long maxLatencyMillis) {
      this(completed, lastCycleId, lastOutcome, keysReconciled, maxLatencyMillis, 0);
    }
  }
}
