package io.recon.workflows.feed;

import java.time.Instant;

/**
 * The feed's state as its workflow changes it: what each slice and cycle reported, folded into
 * {@link FeedStatus}. Holds cursors and counts only.
 */
final class FeedTracker {
  private final String name;
  private final Integer specVersion;
  private final String startedBy;
  private final Instant startedAt;
  private String state;
  private FeedStatus.Source source;
  private FeedStatus.Target target;
  private long keysWaiting;
  private FeedStatus.Cycles cycles;
  private String openCycle;
  private long openKeySetCycles;
  private long keysClaimable;
  private java.util.List<String> claimingCycles = java.util.List.of();
  private String error;

  FeedTracker(FeedStatus carried) {
    this.name = carried.name();
    this.specVersion = carried.specVersion();
    this.startedBy = carried.startedBy();
    this.startedAt = carried.startedAt();
    this.state = carried.status();
    this.source = carried.source();
    this.target = carried.target();
    this.keysWaiting = carried.keysWaiting();
    this.cycles = carried.cycles();
  }

  static FeedTracker starting(String name, Integer version, String by, Instant at) {
    return new FeedTracker(
        new FeedStatus(
            name,
            "STARTING",
            version,
            FeedStatus.Source.NONE,
            FeedStatus.Target.UNKNOWN,
            0,
            FeedStatus.Cycles.NONE,
            by,
            at,
            null,
            null));
  }

  void opened(FeedOpened opened) {
    state = "RUNNING";
    source = new FeedStatus.Source(opened.sourceCursor(), -1, -1, -1, 0);
    target =
        new FeedStatus.Target(
            opened.targetUnsupported() == null,
            opened.targetUnsupported(),
            opened.targetCursor(),
            0);
    keysWaiting = opened.keysWaiting();
  }

  boolean targetSupported() {
    return target.supported();
  }

  long keysWaiting() {
    return keysWaiting;
  }

  /** A full or incremental cycle of the job open at the last slice, or null. */
  String openCycle() {
    return openCycle;
  }

  /**
   * Waiting keys no cycle held at the last slice or release, less what cycles started since take.
   */
  long keysClaimable() {
    return keysClaimable;
  }

  /** The cycles that held keys of the feed at the last slice. */
  java.util.List<String> claimingCycles() {
    return claimingCycles;
  }

  /** Key-set cycles of the job open at the last slice, the feed's own included. */
  long openKeySetCycles() {
    return openKeySetCycles;
  }

  void sourceSlice(CaptureSlice s) {
    source =
        new FeedStatus.Source(
            s.cursor() != null ? s.cursor() : source.cursor(),
            s.lagBytes(),
            s.lagMillis(),
            s.retainedWalBytes(),
            source.changes() + s.changes());
    slice(s);
  }

  void targetSlice(CaptureSlice s) {
    target =
        new FeedStatus.Target(
            s.unsupported() == null,
            s.unsupported(),
            s.cursor() != null ? s.cursor() : target.cursor(),
            target.changes() + s.changes());
    slice(s);
  }

  private void slice(CaptureSlice s) {
    keysWaiting = s.keysWaiting();
    openCycle = s.openCycle();
    openKeySetCycles = s.openKeySetCycles();
    keysClaimable = s.keysClaimable();
    claimingCycles = s.claimingCycles();
  }

  void waitingFor(String otherCycle) {
    cycles =
        new FeedStatus.Cycles(
            cycles.completed(),
            cycles.lastCycleId(),
            "waiting: cycle "
                + otherCycle
                + " of the job is open; key-set cycles wait for a full cycle to end",
            cycles.keysReconciled(),
            cycles.maxLatencyMillis(),
            cycles.inFlight());
  }

  /**
   * A key-set cycle started with {@code inFlight} cycles running, itself included. It claims up to
   * {@code batch} of the waiting keys, so only the rest still count as waiting until a slice or a
   * release says again.
   */
  void cycleStarted(String cycleId, int inFlight, int batch) {
    running(cycleId, inFlight);
    keysWaiting = Math.max(0, keysWaiting - batch);
    keysClaimable = Math.max(0, keysClaimable - batch);
  }

  /**
   * A key-set cycle started with {@code inFlight} cycles running, itself included, holding the keys
   * the feed claimed for it; {@link #claimed} already took the claimable count from the claim.
   */
  void cycleStarted(String cycleId, int inFlight, KeysClaimed got) {
    running(cycleId, inFlight);
    keysWaiting = Math.max(0, keysWaiting - got.claimed());
  }

  private void running(String cycleId, int inFlight) {
    cycles =
        new FeedStatus.Cycles(
            cycles.completed(),
            cycleId,
            "RUNNING",
            cycles.keysReconciled(),
            cycles.maxLatencyMillis(),
            inFlight);
  }

  /** What a claim read from the store, with {@code inFlight} of the feed's own cycles running. */
  void claimed(KeysClaimed got, int inFlight) {
    keysClaimable = got.keysClaimable();
    openKeySetCycles = got.otherKeySetCycles() + inFlight;
    if (got.openCycle() != null) {
      openCycle = got.openCycle();
    }
  }

  void cycleEnded(String cycleId, String outcome, KeysReleased released, int inFlight) {
    cycles =
        new FeedStatus.Cycles(
            cycles.completed() + 1,
            cycleId,
            outcome,
            cycles.keysReconciled() + released.reconciled(),
            Math.max(cycles.maxLatencyMillis(), released.maxLatencyMillis()),
            inFlight);
    keysWaiting = released.keysWaiting();
    keysClaimable = released.keysClaimable();
    openCycle = null;
  }

  void failed(String line) {
    state = "FAILED";
    error = line;
  }

  void stopping() {
    state = "STOPPING";
  }

  void stopped() {
    state = "STOPPED";
  }

  FeedStatus status() {
    return status(null);
  }

  FeedStatus status(String stopRefused) {
    return new FeedStatus(
        name,
        state,
        specVersion,
        source,
        target,
        keysWaiting,
        cycles,
        startedBy,
        startedAt,
        stopRefused,
        error);
  }
}
