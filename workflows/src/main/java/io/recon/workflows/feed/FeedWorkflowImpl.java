package io.recon.workflows.feed;

import io.recon.core.spec.FeedSpec;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.failure.FailureReason;
import io.recon.workflows.failure.FailureType;
import io.recon.workflows.input.StartInput;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The feed's loop. Each side's capture runs as one heartbeating activity per slice (the window
 * divided among {@code feed.cycles}); after each slice or cycle end, if keys wait, no full cycle of
 * the job is open and fewer than {@code feed.cycles} key-set cycles are in flight, one more key-set
 * cycle starts as a child, while the captures go on. Each cycle claims keys no other one holds (a
 * key that changes during its cycle is marked and waits for a later one). When a cycle ends,
 * whatever its outcome, its keys are released. Deterministic: every read and write happens in
 * activities.
 */
public class FeedWorkflowImpl implements FeedWorkflow {
  /** Capture slices per run before continuing as new: about 20 events each, well under 4,096. */
  static final int SLICES_PER_RUN = 150;

  /**
   * History events per run before continuing as new, whatever the slice count: with cycles in
   * flight at once, cycles rather than slices may fill a run's history.
   */
  static final int EVENTS_PER_RUN = 3_000;

  /** Before this version, key-set cycles ran one at a time and a slice lasted the whole window. */
  static final String OVERLAPPING_CYCLES = "feed-overlapping-cycles";

  /**
   * Before this version, a key-set cycle claimed its keys itself when it planned, so the feed
   * started another only once a slice had seen the last one holding its keys: at most one start per
   * slice. Since, the feed claims a cycle's keys in an activity before it starts the cycle, and
   * starts the next as soon as a cycle ends or a slice brings keys.
   */
  static final String PRE_CLAIM = "feed-claims-before-start";

  /**
   * Failures of a key-set cycle that every following cycle would meet too: the feed fails with them
   * rather than run (and release) one failing cycle per window.
   */
  private static final Set<String> FATAL_CYCLE_FAILURES =
      Set.of(
          FailureType.BAD_SPEC.name(),
          FailureType.BAD_QUERY.name(),
          FailureType.MISSING_COLUMN.name(),
          FailureType.SCHEMA_DRIFT.name(),
          FailureType.UNAUTHORIZED.name(),
          FailureType.UNKNOWN_SPEC.name());

  private static final Logger log = Workflow.getLogger(FeedWorkflowImpl.class);

  private final StoreActivities store =
      Workflow.newActivityStub(StoreActivities.class, FeedOptions.store());
  private final FeedActivities feedStore =
      Workflow.newActivityStub(FeedActivities.class, FeedOptions.store());
  private FeedActivities captures;

  private final int slicesPerRun;
  private JobSpec spec;
  private FeedTracker tracker;
  private StopRequest stop;
  private String stopRefused;

  private Promise<CaptureSlice> source;
  private Promise<CaptureSlice> target;

  /** The feed's key-set cycles in flight, by cycle id, in the order they started. */
  private final java.util.LinkedHashMap<String, Promise<CycleResult>> cycles =
      new java.util.LinkedHashMap<>();

  /** Cycles in flight that a slice has seen holding keys. */
  private final java.util.Set<String> claimed = new java.util.HashSet<>();

  private int maxCycles = 1;

  /** Whether the feed claims a cycle's keys before it starts it (see {@link #PRE_CLAIM}). */
  private boolean preClaim;

  /**
   * Set when a cycle was refused at its start and gave its keys back: no cycle starts again before
   * the next slice, so a refusal the claim did not foresee cannot turn into a loop of refused
   * cycles.
   */
  private boolean refusedSinceSlice;

  public FeedWorkflowImpl() {
    this(SLICES_PER_RUN);
  }

  /** With another slice budget per run; tests continue as new after a few slices. */
  FeedWorkflowImpl(int slicesPerRun) {
    this.slicesPerRun = slicesPerRun;
  }

  @Override
  public FeedResult run(RawValue input) {
    FeedInput parsed = FeedInput.parse(input);
    if (parsed.resume() != null) {
      spec = parsed.resume().spec();
      tracker = new FeedTracker(parsed.resume().status());
    } else {
      open(parsed.start());
    }
    FeedSpec settings = spec.feedSettings();
    boolean overlapping =
        Workflow.getVersion(OVERLAPPING_CYCLES, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    Duration sliceLength = overlapping ? settings.slice() : settings.window();
    maxCycles = overlapping ? settings.cyclesInFlight() : 1;
    preClaim =
        overlapping
            && Workflow.getVersion(PRE_CLAIM, Workflow.DEFAULT_VERSION, 1)
                != Workflow.DEFAULT_VERSION;
    captures = Workflow.newActivityStub(FeedActivities.class, FeedOptions.capture(sliceLength));
    CaptureRequest slice = new CaptureRequest(spec, sliceLength, settings.batch());
    int slices = 0;
    while (stop == null) {
      boolean draining =
          slices >= slicesPerRun
              || (overlapping && Workflow.getInfo().getHistoryLength() >= EVENTS_PER_RUN)
              || Workflow.getInfo().isContinueAsNewSuggested();
      if (draining && source == null && target == null) {
        Workflow.continueAsNew(new FeedInput.Resume(new FeedState(spec, tracker.status())));
      }
      if (!draining && source == null) {
        source = Async.function(captures::captureSource, slice);
      }
      if (!draining && target == null && tracker.targetSupported()) {
        target = Async.function(captures::captureTarget, slice);
      }
      Workflow.await(() -> stop != null || done(source) || done(target) || anyCycleDone());
      if (stop != null) {
        break;
      }
      if (done(source)) {
        tracker.sourceSlice(take(source, "source"));
        source = null;
        slices++;
        refusedSinceSlice = false;
      }
      if (done(target)) {
        tracker.targetSlice(take(target, "target"));
        target = null;
        slices++;
        refusedSinceSlice = false;
      }
      for (String ended : endedCycles()) {
        finishCycle(ended);
      }
      if (!draining) {
        if (preClaim) {
          while (startClaimedCycle(settings.batch())) {
            // One more while slots are free and keys no cycle holds wait.
          }
        } else {
          maybeStartCycle(settings.batch());
        }
      }
    }
    return stopped();
  }

  private static boolean done(Promise<?> p) {
    return p != null && p.isCompleted();
  }

  private boolean anyCycleDone() {
    return cycles.values().stream().anyMatch(Promise::isCompleted);
  }

  private java.util.List<String> endedCycles() {
    return cycles.entrySet().stream()
        .filter(e -> e.getValue().isCompleted())
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  /**
   * Resolves the spec (a registered one by name, in an activity, so that the version is in the
   * history) and records the feed as running.
   */
  private void open(StartInput start) {
    Integer version = null;
    if (start.ready() != null) {
      spec = start.ready().spec();
    } else {
      try {
        var resolved = start.resolved(store.resolveSpec(start.byName()));
        spec = resolved.spec();
        version = resolved.specVersion();
      } catch (ActivityFailure e) {
        FailureReason reason = FailureReason.of(e);
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            reason.message(), reason.type(), e);
      }
    }
    String workflowId = Workflow.getInfo().getWorkflowId();
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    tracker = FeedTracker.starting(spec.name(), version, start.initiator(), now);
    try {
      FeedOpened opened =
          feedStore.openFeed(new FeedOpen(spec, version, start.initiator(), workflowId));
      tracker.opened(opened);
    } catch (ActivityFailure e) {
      throw fail(e);
    }
  }

  /** A slice's result; a capture that failed for good fails the feed. */
  private CaptureSlice take(Promise<CaptureSlice> slice, String side) {
    try {
      return slice.get();
    } catch (ActivityFailure e) {
      log.error("feed {}: the {} capture failed: {}", spec.name(), side, e.getMessage());
      throw fail(e);
    }
  }

  private void maybeStartCycle(int batch) {
    if (cycles.size() >= maxCycles) {
      return;
    }
    if (maxCycles == 1 ? tracker.keysWaiting() == 0 : !claimableNow()) {
      return;
    }
    String open = tracker.openCycle();
    if (open != null && maxCycles == 1) {
      // Recorded before key-set cycles could overlap, a slice named the feed's own key-set cycle
      // too: one that ended since is not in the way.
      FeedStatus.Cycles last = tracker.status().cycles();
      if (open.equals(last.lastCycleId()) && !"RUNNING".equals(last.lastOutcome())) {
        open = null;
      }
    }
    if (open != null) {
      // A full or incremental cycle of the job is open: the keys wait, and the next slice asks
      // again (a key-set cycle would be refused with CYCLE_ALREADY_RUNNING).
      tracker.waitingFor(open);
      return;
    }
    // Key-set cycles open in the store that this run does not follow (carried over a
    // continue-as-new, say) count against the limit as well, until a slice sees them closed.
    long foreign = Math.max(0, tracker.openKeySetCycles() - cycles.size());
    if (cycles.size() + foreign >= maxCycles) {
      return;
    }
    String cycleId = newCycleId();
    startCycle(cycleId);
    tracker.cycleStarted(cycleId, cycles.size(), batch);
  }

  private String newCycleId() {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    return CycleIds.of(spec.name(), now, Workflow.randomUUID().getLeastSignificantBits());
  }

  /** Starts key-set cycle {@code cycleId} as a child and follows it. */
  private void startCycle(String cycleId) {
    ChildWorkflowStub child =
        Workflow.newUntypedChildWorkflowStub(
            ReconciliationWorkflow.TYPE, FeedOptions.cycle(cycleId));
    cycles.put(
        cycleId,
        child.executeAsync(
            CycleResult.class, new CycleRequest(spec, Mode.KEYS, "feed:" + spec.name())));
  }

  /**
   * Claims waiting keys for a new key-set cycle and starts it, if a slot is free and keys no cycle
   * holds wait. The claim's activity reads the store afresh: it claims nothing while a full or
   * incremental cycle of the job is open or the job's open key-set cycles reach the limit. Returns
   * whether a cycle started.
   */
  private boolean startClaimedCycle(int batch) {
    if (cycles.size() >= maxCycles || tracker.keysClaimable() == 0 || refusedSinceSlice) {
      return false;
    }
    if (tracker.openCycle() != null) {
      // The last slice saw a full or incremental cycle open: the next slice asks again.
      tracker.waitingFor(tracker.openCycle());
      return false;
    }
    String cycleId = newCycleId();
    KeysClaimed got;
    try {
      got =
          feedStore.claimKeys(
              new ClaimRequest(
                  spec.name(), cycleId, batch, java.util.List.copyOf(cycles.keySet()), maxCycles));
    } catch (ActivityFailure e) {
      throw fail(e);
    }
    tracker.claimed(got, cycles.size());
    if (got.openCycle() != null) {
      tracker.waitingFor(got.openCycle());
      return false;
    }
    if (got.claimed() == 0) {
      return false;
    }
    startCycle(cycleId);
    tracker.cycleStarted(cycleId, cycles.size(), got);
    return true;
  }

  /**
   * Whether a new key-set cycle would find keys to claim: keys no cycle holds wait, and every cycle
   * the feed started has been seen holding its keys (one that has not claimed yet would take the
   * same keys, and the new cycle would find none).
   */
  private boolean claimableNow() {
    if (tracker.keysClaimable() == 0) {
      return false;
    }
    for (String id : cycles.keySet()) {
      if (!claimed.contains(id)) {
        if (!tracker.claimingCycles().contains(id)) {
          return false;
        }
        claimed.add(id);
      }
    }
    return true;
  }

  /** Records how the cycle ended and releases its keys. */
  private void finishCycle(String cycleId) {
    Promise<CycleResult> cycle = cycles.remove(cycleId);
    claimed.remove(cycleId);
    String outcome;
    FailureReason fatal = null;
    boolean requeue = false;
    try {
      CycleResult result = cycle.get();
      outcome = result.state().name() + ": " + result.message();
    } catch (TemporalFailure e) {
      FailureReason reason = FailureReason.of(e);
      outcome = reason.oneLine("FAILED");
      if (FATAL_CYCLE_FAILURES.contains(reason.type())) {
        fatal = reason;
      }
      // Refused at its start (a full cycle opened after the claim): it compared nothing, so the
      // keys the feed claimed for it wait again rather than count as reconciled.
      requeue = preClaim && FailureType.CYCLE_ALREADY_RUNNING.name().equals(reason.type());
      refusedSinceSlice |= requeue;
    }
    KeysReleased released;
    try {
      released = feedStore.releaseKeys(new ReleaseRequest(spec.name(), cycleId, requeue));
    } catch (ActivityFailure e) {
      throw fail(e);
    }
    tracker.cycleEnded(cycleId, outcome, released, cycles.size());
    if (fatal != null) {
      String message =
          "key-set cycle failed with "
              + fatal.type()
              + ", as every following one would: "
              + fatal.message();
      throw fail(ApplicationFailure.newNonRetryableFailure(message, fatal.type()));
    }
  }

  /**
   * Records the feed as FAILED with one line, best effort, and returns what the workflow fails
   * with: the failure's own type (FEED_UNAVAILABLE for a capture that cannot go on).
   */
  private ApplicationFailure fail(Exception e) {
    FailureReason reason = FailureReason.of(e);
    String line = reason.oneLine(null);
    tracker.failed(line);
    awaitCaptures();
    if (spec != null) {
      try {
        feedStore.closeFeed(new FeedClose(spec, "FAILED", "recon", null, line, false));
      } catch (ActivityFailure closeFailure) {
        log.warn("feed {} could not be recorded as FAILED: {}", spec.name(), closeFailure);
      }
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        reason.message(), reason.type() == null ? FailureType.UNEXPECTED.name() : reason.type(), e);
  }

  private FeedResult stopped() {
    tracker.stopping();
    awaitCaptures();
    feedStore.closeFeed(
        new FeedClose(spec, "STOPPED", stop.by(), stop.reason(), null, stop.dropSlot()));
    tracker.stopped();
    log.info("feed {} stopped by {}", spec.name(), stop.by());
    return new FeedResult(tracker.status());
  }

  // Waits for the slices in flight to end (each ends within its window): the slot must be free
  // before the feed says it stopped, and before the slot may be dropped. They are not cancelled:
  // a slice stores what it read with its position in one transaction either way, and waiting
  // keeps a stop from racing a capture's last commit.
  private void awaitCaptures() {
    for (Promise<CaptureSlice> p : java.util.Arrays.asList(source, target)) {
      if (p != null) {
        try {
          p.get();
        } catch (TemporalFailure ignored) {
          // Failed while stopping: either way it no longer reads.
        }
      }
    }
    source = null;
    target = null;
  }

  @Override
  public FeedStatus status() {
    if (tracker == null) {
      return FeedTracker.starting(
              Workflow.getInfo().getWorkflowId().replaceFirst("^recon-feed-", ""), null, null, null)
          .status(stopRefused);
    }
    return tracker.status(stopRefused);
  }

  @Override
  public void stop(RawValue payload) {
    StopRequest request = StopRequest.parse(payload);
    if (!request.valid()) {
      stopRefused = request.refusal();
      return;
    }
    if (stop == null) {
      stop = request;
    }
  }
}
