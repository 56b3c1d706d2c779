package io.recon.activities.compare;

import com.mongodb.client.MongoClient;
import io.recon.activities.sides.BothSides;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.FeedKeys;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Failures;
import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.SettledCounts;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@link CompareActivities} against PostgreSQL (source), MongoDB (target) and the recon store.
 * Memory is O(page): records stream through in key order and only counts leave the activity.
 */
public final class CompareActivitiesImpl implements CompareActivities {
  /** Source rows per keyset page, and the MongoDB batch size. */
  public static final int PAGE_SIZE = 5_000;

  // One thread per range being compared reads its next source page (daemon threads, idle ones
  // end after a minute): at most one page read in flight per range, so the source's connections
  // in use stay one per range, as when pages were read in turn.
  private static final Executor PREFETCH =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread t = new Thread(runnable, "recon-source-prefetch");
            t.setDaemon(true);
            return t;
          });

  private final RangePlanner planner;
  private final RangeComparer comparer;
  private final KeySetComparer keySets;
  private final RangeRechecker rechecker;

  public CompareActivitiesImpl(DataSource source, DataSource store, MongoClient mongo) {
    this(source, store, mongo, PAGE_SIZE, checkpoint -> {});
  }

  /**
   * @param afterChunk called after each chunk's checkpoint is heartbeated; tests use it to fail an
   *     attempt midway
   */
  CompareActivitiesImpl(
      DataSource source,
      DataSource store,
      MongoClient mongo,
      int pageSize,
      Consumer<Checkpoint> afterChunk) {
    var partitions = new PartitionStore(store);
    var discrepancies = new DiscrepancyStore(store);
    var feedKeys = new FeedKeys(store, Clock.systemUTC());
    BothSides.TargetFactory targets = BothSides.onMongo(mongo);
    this.planner = new RangePlanner(source, partitions, feedKeys);
    this.keySets = new KeySetComparer(source, partitions, discrepancies, feedKeys, targets);
    this.comparer =
        new RangeComparer(
            source, partitions, discrepancies, targets, pageSize, afterChunk, PREFETCH);
    this.rechecker = new RangeRechecker(source, partitions, discrepancies, targets);
  }

  @Override
  public RangePlan planRanges(PlanRequest request) {
    try {
      return planner.plan(request);
    } catch (RuntimeException e) {
      throw Failures.classify("planning " + request.cycleId(), e);
    }
  }

  @Override
  public DetectedCounts compareRange(RangeRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Checkpoint resume = context.getHeartbeatDetails(Checkpoint.class).orElse(null);
    try {
      if (request.mode() == Mode.KEYS) {
        return keySets.compare(request, new Heartbeats(context));
      }
      return comparer.compare(request, resume, new Heartbeats(context));
    } catch (RuntimeException e) {
      throw Failures.classify(
          "comparing range " + request.rangeIndex() + " of " + request.cycleId(), e);
    }
  }

  @Override
  public SettledCounts recheckRange(RangeRequest request) {
    try {
      return rechecker.recheck(request, new Heartbeats(Activity.getExecutionContext()));
    } catch (RuntimeException e) {
      throw Failures.classify(
          "rechecking range " + request.rangeIndex() + " of " + request.cycleId(), e);
    }
  }
}
