package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Proves the workflow's retry and heartbeat options let a compare resume from its checkpoint: the
 * real activity is built elsewhere, but it relies on exactly this.
 */
class HeartbeatResumeTest {
  private static final int KEYS = 100;
  private static final int CRASH_AFTER = 40;

  /** The cursor a compare heartbeats: the last key compared and the counts up to it. */
  public record Checkpoint(long lastKey, DetectedCounts counts) {}

  /** Compares keys 1..100 of each range, one record per key; crashes once per range. */
  static final class CrashingCompare extends FakeCompare {
    final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    final Map<Integer, Long> resumedFrom = new ConcurrentHashMap<>();

    CrashingCompare() {
      compare = this::compareFromCheckpoint;
    }

    private DetectedCounts compareFromCheckpoint(RangeRequest request) {
      ActivityExecutionContext context = Activity.getExecutionContext();
      int attempt = context.getInfo().getAttempt();
      attempts.merge(request.rangeIndex(), 1, Integer::sum);
      Checkpoint start =
          context
              .getHeartbeatDetails(Checkpoint.class)
              .orElse(new Checkpoint(0, DetectedCounts.ZERO));
      resumedFrom.put(request.rangeIndex(), start.lastKey());
      DetectedCounts counts = start.counts();
      for (long key = start.lastKey() + 1; key <= KEYS; key++) {
        counts =
            counts.plus(
                new DetectedCounts(
                    new Volumes(1, 1, 1),
                    new Findings(0, 0, key % 10 == 0 ? 1 : 0, 0, 0),
                    Severities.NONE));
        if (attempt == 1 && key == CRASH_AFTER) {
          context.heartbeat(new Checkpoint(key, counts));
          throw new IllegalStateException("connection reset by peer");
        }
      }
      return counts;
    }
  }

  @Test
  void retriedCompareResumesFromItsHeartbeatAndCountsStayExact() {
    var compare = new CrashingCompare();
    compare.recheck =
        r -> new SettledCounts(new Findings(0, 0, 4, 0, 0), new Severities(0, 4, 0), 6);
    try (var cluster = new TestCluster(compare, new FakeStore())) {
      var request = new CycleRequest(TestSpecs.job(3, 3, Duration.ZERO), Mode.FULL, "test");

      CycleResult result = TestCluster.result(cluster.start("recon-orders-resume", request));

      assertEquals(Map.of(0, 2, 1, 2, 2, 2), compare.attempts, "each range crashed once");
      assertEquals(Map.of(0, 40L, 1, 40L, 2, 40L), compare.resumedFrom);
      assertEquals(
          new Counts(
              new Volumes(300, 300, 300),
              new Findings(0, 0, 12, 0, 0),
              new Severities(0, 12, 0),
              18),
          result.counts());
    }
  }
}
