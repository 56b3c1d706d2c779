package io.recon.activities.feed;

import io.recon.activities.store.FeedKeys;
import io.recon.activities.store.FeedStore;
import io.recon.activities.support.Failures;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.feed.CaptureRequest;
import io.recon.workflows.feed.CaptureSlice;
import io.recon.workflows.feed.ClaimRequest;
import io.recon.workflows.feed.FeedActivities;
import io.recon.workflows.feed.FeedClose;
import io.recon.workflows.feed.FeedOpen;
import io.recon.workflows.feed.FeedOpened;
import io.recon.workflows.feed.KeysClaimed;
import io.recon.workflows.feed.KeysReleased;
import io.recon.workflows.feed.ReleaseRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * {@link FeedActivities} on the recon store and the two sides' captures. A capture is opened for
 * each slice and closed at its end, so that whichever worker runs the next slice finds the slot
 * free; it resumes from the position stored with the last keys.
 */
public final class FeedActivitiesImpl implements FeedActivities {
  private final DataSource store;
  private final Clock clock;
  private final FeedKeys keys;
  private final FeedStore feeds;
  private final CaptureOrigin source;
  private final CaptureOrigin target;
  private final LongConsumer latency;
  private final FeedObserver observer;

  /**
   * @param latency receives the change-to-verdict latency of every reconciled key, in ms (the
   *     worker's histogram)
   */
  public FeedActivitiesImpl(
      DataSource store,
      CaptureOrigin source,
      CaptureOrigin target,
      Clock clock,
      LongConsumer latency) {
    this(store, source, target, clock, latency, FeedObserver.NONE);
  }

  /**
   * @param observer told of every poll, of the keys waiting and of each key's verdict (the worker's
   *     feed metrics)
   */
  public FeedActivitiesImpl(
      DataSource store,
      CaptureOrigin source,
      CaptureOrigin target,
      Clock clock,
      LongConsumer latency,
      FeedObserver observer) {
    this.store = store;
    this.clock = clock;
    this.keys = new FeedKeys(store, clock);
    this.feeds = new FeedStore(store, clock);
    this.source = source;
    this.target = target;
    this.latency = latency;
    this.observer = observer;
  }

  /** The same activities on the same store with other captures (tests plug in fakes). */
  public FeedActivitiesImpl withCaptures(
      CaptureOrigin source, CaptureOrigin target, LongConsumer latency) {
    return new FeedActivitiesImpl(store, source, target, clock, latency, observer);
  }

  @Override
  public FeedOpened openFeed(FeedOpen request) {
    String name = request.spec().name();
    try {
      FeedStore.FeedRow row =
          feeds.start(
              name,
              request.spec().canonicalHash(),
              request.specVersion(),
              request.workflowId(),
              request.startedBy());
      // Opening the source once creates its replication slot (and checks the source's setup), so
      // that a feed reported RUNNING captures every change committed from then on; what was
      // committed before the slot existed is the scheduled full cycle's.
      try (Capture first = source.open(request.spec(), row.sourceCursor())) {
        // Nothing is read here: the first slice reads from the slot's position.
      }
      String unsupported = target.unsupported(request.spec());
      feeds.targetSupport(name, unsupported);
      if (unsupported != null) {
        observer.record(
            new CaptureResult(0, 0, null, -1, -1, -1, unsupported), ChangeOrigin.TARGET, name);
      }
      return new FeedOpened(
          unsupported, row.sourceCursor(), row.targetCursor(), keys.waiting(name));
    } catch (RuntimeException e) {
      throw Failures.classify("starting feed " + name, e);
    }
  }

  @Override
  public CaptureSlice captureSource(CaptureRequest request) {
    return capture(request, ChangeOrigin.SOURCE, source);
  }

  @Override
  public CaptureSlice captureTarget(CaptureRequest request) {
    return capture(request, ChangeOrigin.TARGET, target);
  }

  private CaptureSlice capture(CaptureRequest request, ChangeOrigin origin, CaptureOrigin side) {
    JobSpec spec = request.spec();
    String name = spec.name();
    ActivityExecutionContext context = Activity.getExecutionContext();
    String what = "capturing the " + origin.name().toLowerCase(java.util.Locale.ROOT);
    try {
      CaptureResult r;
      try (Capture capture = side.open(spec, keys.cursor(name, origin))) {
        r = capture.poll(request.maxWait(), request.maxKeys(), keys, () -> context.heartbeat(null));
      }
      long waiting = keys.waiting(name);
      observer.record(r, origin, name);
      observer.keysWaiting(name, waiting);
      return new CaptureSlice(
          r.changes(),
          r.keys(),
          r.cursor(),
          r.lagBytes(),
          r.lagMillis(),
          r.retainedWalBytes(),
          r.unsupported(),
          waiting,
          feeds.openCycle(name),
          feeds.openKeySetCycles(name),
          keys.claimable(name),
          keys.claimingCycles(name, CaptureSlice.CLAIMING_LIMIT));
    } catch (RuntimeException e) {
      throw Failures.classify(what + " of feed " + name, e);
    }
  }

  @Override
  public KeysClaimed claimKeys(ClaimRequest request) {
    try {
      String feed = request.feed();
      String cycleId = request.cycleId();
      long already = keys.heldBy(cycleId);
      if (already > 0) {
        // A retried claim: the keys are the cycle's already, whatever opened since.
        return new KeysClaimed(already, keys.claimable(feed), null, 0);
      }
      String open = feeds.openCycle(feed);
      if (open != null) {
        return new KeysClaimed(0, keys.claimable(feed), open, 0);
      }
      var mine = new java.util.ArrayList<String>(request.inFlight());
      mine.add(cycleId);
      long others = feeds.openKeySetCyclesExcept(feed, mine);
      if (others + request.inFlight().size() >= request.cyclesLimit()) {
        return new KeysClaimed(0, keys.claimable(feed), null, others);
      }
      long held = keys.claim(feed, cycleId, request.max(), request.inFlight());
      return new KeysClaimed(held, keys.claimable(feed), null, others);
    } catch (RuntimeException e) {
      throw Failures.classify(
          "claiming keys of feed " + request.feed() + " for " + request.cycleId(), e);
    }
  }

  @Override
  public KeysReleased releaseKeys(ReleaseRequest request) {
    try {
      String feed = request.feed();
      if (request.requeue()) {
        keys.requeue(feed, request.cycleId());
        long waiting = keys.waiting(feed);
        observer.keysWaiting(feed, waiting);
        return new KeysReleased(0, 0, 0, waiting, keys.claimable(feed));
      }
      FeedKeys.Released r =
          keys.release(
              feed,
              request.cycleId(),
              ms -> {
                latency.accept(ms);
                observer.verdict(feed, java.time.Duration.ofMillis(ms));
              });
      long waiting = keys.waiting(feed);
      observer.keysWaiting(feed, waiting);
      return new KeysReleased(
          r.reconciled(), r.waitingAgain(), r.maxLatencyMillis(), waiting, keys.claimable(feed));
    } catch (RuntimeException e) {
      throw Failures.classify("releasing the keys of " + request.cycleId(), e);
    }
  }

  @Override
  public void closeFeed(FeedClose request) {
    String name = request.spec().name();
    try {
      feeds.stop(name, request.status(), request.by(), request.reason(), request.error());
      if (request.dropSlot()) {
        source.drop(request.spec());
      }
    } catch (RuntimeException e) {
      throw Failures.classify("stopping feed " + name, e);
    }
  }
}
