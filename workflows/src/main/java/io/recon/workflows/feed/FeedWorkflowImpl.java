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
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The feed's loop. Each side's capture runs as one heartbeating activity per window, one after the
 * other; after each slice, if keys wait and no cycle of the job is open, one key-set cycle starts
 * as a child, while the captures go on (a key that changes during the cycle is marked and waits
 * again). When the cycle ends, whatever its outcome, its keys are released. Deterministic: every
 * read and write happens in activities.
 */
public class FeedWorkflowImpl implements FeedWorkflow {
  /** Capture slices per run before continuing as new: about 20 events each, well under 4,096. */
  static final int SLICES_PER_RUN = 150;

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
  private Promise<CycleResult> cycle;
  private String cycleId;

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
    captures =
        Workflow.newActivityStub(FeedActivities.class, FeedOptions.capture(settings.window()));
    CaptureRequest slice = new CaptureRequest(spec, settings.window(), settings.batch());
    int slices = 0;
    while (stop == null) {
      boolean draining = slices >= slicesPerRun || Workflow.getInfo().isContinueAsNewSuggested();
      if (draining && source == null && target == null) {
        Workflow.continueAsNew(new FeedInput.Resume(new FeedState(spec, tracker.status())));
      }
      if (!draining && source == null) {
        source = Async.function(captures::captureSource, slice);
      }
      if (!draining && target == null && tracker.targetSupported()) {
        target = Async.function(captures::captureTarget, slice);
      }
      Workflow.await(() -> stop != null || done(source) || done(target) || done(cycle));
      if (stop != null) {
        break;
      }
      if (done(source)) {
        tracker.sourceSlice(take(source, "source"));
        source = null;
        slices++;
      }
      if (done(target)) {
        tracker.targetSlice(take(target, "target"));
        target = null;
        slices++;
      }
      if (done(cycle)) {
        finishCycle();
      }
      if (cycle == null && !draining) {
        maybeStartCycle();
      }
    }
    return stopped();
  }

  private static boolean done(Promise<?> p) {
    return p != null && p.isCompleted();
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

  private void maybeStartCycle() {
    if (tracker.keysWaiting() == 0) {
      return;
    }
    // The last cycle this feed ran may still look open to a slice that read before it ended; one
    // carried over a continue-as-new while it ran is really open.
    String open = tracker.openCycle();
    FeedStatus.Cycles last = tracker.status().cycles();
    boolean endedOwn =
        open != null && open.equals(last.lastCycleId()) && !"RUNNING".equals(last.lastOutcome());
    if (open != null && !endedOwn) {
      // Cycles of one job never overlap: the keys wait, and the next slice asks again.
      tracker.waitingFor(open);
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    cycleId = CycleIds.of(spec.name(), now, Workflow.randomUUID().getLeastSignificantBits());
    ChildWorkflowStub child =
        Workflow.newUntypedChildWorkflowStub(
            ReconciliationWorkflow.TYPE, FeedOptions.cycle(cycleId));
    cycle =
        child.executeAsync(
            CycleResult.class, new CycleRequest(spec, Mode.KEYS, "feed:" + spec.name()));
    tracker.cycleStarted(cycleId);
  }

  /** Records how the cycle ended and releases its keys. */
  private void finishCycle() {
    String outcome;
    FailureReason fatal = null;
    try {
      CycleResult result = cycle.get();
      outcome = result.state().name() + ": " + result.message();
    } catch (TemporalFailure e) {
      FailureReason reason = FailureReason.of(e);
      outcome = reason.oneLine("FAILED");
      if (FATAL_CYCLE_FAILURES.contains(reason.type())) {
        fatal = reason;
      }
    }
    KeysReleased released;
    try {
      released = feedStore.releaseKeys(new ReleaseRequest(spec.name(), cycleId));
    } catch (ActivityFailure e) {
      throw fail(e);
    }
    tracker.cycleEnded(cycleId, outcome, released);
    cycle = null;
    cycleId = null;
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
