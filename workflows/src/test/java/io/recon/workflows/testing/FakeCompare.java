package io.recon.workflows.testing;

import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A comparison without databases. By default it plans {@code spec.partitions()} ranges; range
 * {@code i} detects {@link #detected(int)} and rechecks to {@link #rechecked(int)}, so a cycle's
 * totals are {@link #expectedTotal(int)}. It tracks how many compares run at once.
 */
public class FakeCompare implements CompareActivities {
  public static final Instant WATERMARK_TO = Instant.parse("2026-03-01T12:00:00Z");

  public volatile Function<RangeRequest, DetectedCounts> compare = r -> detected(r.rangeIndex());
  public volatile Function<RangeRequest, SettledCounts> recheck = r -> rechecked(r.rangeIndex());
  public volatile long sleepMillis;

  /** When set, every compare waits for it, so tests can look at a running cycle. */
  public volatile CountDownLatch release;

  public final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  public final List<PlanRequest> plans = new CopyOnWriteArrayList<>();
  public final List<RangeRequest> compared = new CopyOnWriteArrayList<>();
  public final List<RangeRequest> rechecked = new CopyOnWriteArrayList<>();

  /** Scheduled time (test server clock) of each compare and recheck, by range. */
  public final Map<Integer, Instant> compareScheduled = new ConcurrentHashMap<>();

  public final Map<Integer, Instant> recheckScheduled = new ConcurrentHashMap<>();

  /** What range {@code i} detects: volumes that differ per range, and discrepancies to recheck. */
  public static DetectedCounts detected(int i) {
    return new DetectedCounts(
        new Volumes(100 + i, 99 + i, 101 + i), new Findings(2, 1, 3, 0, 0), Severities.NONE);
  }

  /** What persists of range {@code i} at recheck: one of each kind; three were transient. */
  public static SettledCounts rechecked(int i) {
    return new SettledCounts(new Findings(1, 1, 1, 0, 0), new Severities(1, 1, 1), 3);
  }

  /** The totals of a cycle of {@code ranges} default ranges. */
  public static Counts expectedTotal(int ranges) {
    Counts sum = Counts.ZERO;
    for (int i = 0; i < ranges; i++) {
      DetectedCounts d = detected(i);
      SettledCounts r = rechecked(i);
      sum = sum.plus(new Counts(d.volumes(), r.persistent(), r.severities(), r.transientCount()));
    }
    return sum;
  }

  @Override
  public RangePlan planRanges(PlanRequest request) {
    plans.add(request);
    return new RangePlan(request.spec().partitions(), 1_000, WATERMARK_TO);
  }

  @Override
  public DetectedCounts compareRange(RangeRequest request) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      compared.add(request);
      compareScheduled.put(request.rangeIndex(), scheduledAt());
      CountDownLatch latch = release;
      if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the compare");
      }
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
      return compare.apply(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public SettledCounts recheckRange(RangeRequest request) {
    rechecked.add(request);
    recheckScheduled.put(request.rangeIndex(), scheduledAt());
    return recheck.apply(request);
  }

  /** Waits (real time) until {@code n} compares are running. */
  public void awaitInFlight(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (inFlight.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " compares in flight, got " + inFlight.get());
      }
      Thread.sleep(10);
    }
  }

  private static Instant scheduledAt() {
    return Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
  }
}
