package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Statuses;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconciliationWorkflowTest {
  private final FakeCompare compare = new FakeCompare();
  private final FakeStore store = new FakeStore();
  private final TestCluster cluster = new TestCluster(compare, store);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void fanOutNeverExceedsParallelism() {
    // Long enough that the window fills even when child starts are slow on a loaded machine.
    compare.sleepMillis = 400;
    var request = new CycleRequest(TestSpecs.job(12, 3, Duration.ZERO), Mode.FULL, "test");

    CycleResult result = TestCluster.result(cluster.start("recon-orders-fanout", request));

    assertEquals(3, compare.maxInFlight.get(), "the window runs exactly parallelism at once");
    assertEquals(12, compare.compared.size());
    assertEquals(FakeCompare.expectedTotal(12), result.counts());
  }

  @Test
  void completedCycleClosesWithTotalsAndPlannedWatermark() {
    var request = new CycleRequest(TestSpecs.job(5, 2, Duration.ZERO), Mode.FULL, "alice");

    CycleResult result = TestCluster.result(cluster.start("recon-orders-done", request));

    assertEquals(CycleState.COMPLETED, result.state());
    assertEquals(RepairCounts.ZERO, result.repairs());
    CloseCycle close = store.onlyClose();
    assertEquals(CycleState.COMPLETED, close.state());
    assertEquals(5, close.rangesDone());
    assertEquals(5, close.rangesTotal());
    assertEquals(FakeCompare.expectedTotal(5), close.counts());
    assertEquals(FakeCompare.WATERMARK_TO, close.watermarkTo());
    assertEquals(request.spec().canonicalHash(), close.specHash());
    assertNull(close.error());
    assertEquals("alice", store.opened.get(0).initiator());
  }

  @Test
  void everyRangeIsComparedOnceUnderItsPartitionWorkflowId() {
    var request = new CycleRequest(TestSpecs.job(4, 2, Duration.ZERO), Mode.FULL, "test");

    TestCluster.result(cluster.start("recon-orders-ids", request));

    assertEquals(
        IntStream.range(0, 4).mapToObj(i -> "recon-orders-ids-range-" + i).sorted().toList(),
        compare.compared.stream().map(RangeRequest::workflowId).sorted().toList());
    assertEquals(
        4,
        compare.compared.stream().map(RangeRequest::runId).collect(Collectors.toSet()).size(),
        "each range carries its own child's run id");
  }

  @Test
  void fullCycleComparesEverythingEvenWithAWatermark() {
    store.watermark = Instant.parse("2026-02-01T00:00:00Z");
    var request = new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.FULL, "test");

    TestCluster.result(cluster.start("recon-orders-full", request));

    assertNull(compare.plans.get(0).since());
    assertTrue(compare.compared.stream().allMatch(r -> r.since() == null));
  }

  @Test
  void incrementalCycleComparesFromWatermarkMinusOverlap() {
    store.watermark = Instant.parse("2026-02-01T00:00:00Z");
    Instant since = Instant.parse("2026-01-31T23:55:00Z");
    var request = new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.INCREMENTAL, "test");

    TestCluster.result(cluster.start("recon-orders-incr", request));

    assertEquals(since, compare.plans.get(0).since());
    assertTrue(compare.compared.stream().allMatch(r -> since.equals(r.since())));
    assertEquals(since, store.onlyClose().watermarkFrom());
  }

  @Test
  void statusShowsPhaseAndRangesWhileComparing() throws Exception {
    compare.release = new CountDownLatch(1);
    var request = new CycleRequest(TestSpecs.job(3, 2, Duration.ZERO), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-status", request);
    compare.awaitInFlight(2);

    CycleStatus running = cycle.status();
    assertEquals(CycleState.RUNNING, running.state());
    assertEquals(Phase.COMPARING.name(), running.phase());
    assertEquals(0, running.rangesDone());
    assertEquals(3, running.rangesTotal());
    assertEquals("orders", running.spec());
    assertEquals(CycleStatus.GateView.of(Gate.OPEN), running.gate());
    assertTrue(java.time.Instant.parse(running.startedAt()).toEpochMilli() > 0);

    compare.release.countDown();
    TestCluster.result(cycle);
    CycleStatus done = cycle.status();
    assertEquals(CycleState.COMPLETED, done.state());
    assertEquals(Phase.DONE.name(), done.phase());
    assertEquals(3, done.rangesDone());
    assertEquals(Statuses.counts(FakeCompare.expectedTotal(3)), Statuses.counts(done));
    assertTrue(
        Statuses.updatedAtMillis(done) >= java.time.Instant.parse(done.startedAt()).toEpochMilli());
  }
}
