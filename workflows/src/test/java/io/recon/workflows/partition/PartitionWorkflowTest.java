package io.recon.workflows.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionWorkflowTest {
  private final FakeCompare compare = new FakeCompare();
  private final TestCluster cluster = new TestCluster(compare, new FakeStore());

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void discrepanciesAreRecheckedAfterTheSettleTimer() {
    long before = cluster.env.currentTimeMillis();

    PartitionResult result = run("cycle-1-range-3", 3, Duration.ofMinutes(30));

    assertEquals(1, compare.rechecked.size());
    Duration waited =
        Duration.between(compare.compareScheduled.get(3), compare.recheckScheduled.get(3));
    assertTrue(waited.compareTo(Duration.ofMinutes(30)) >= 0, "rechecked after " + waited);
    assertTrue(cluster.env.currentTimeMillis() - before >= Duration.ofMinutes(30).toMillis());
    assertEquals(3, result.rangeIndex());
  }

  @Test
  void resultTakesVolumesFromCompareAndKindsFromRecheck() {
    PartitionResult result = run("cycle-1-range-5", 5, Duration.ZERO);

    assertEquals(
        new Counts(
            new Volumes(105, 104, 106), new Findings(1, 1, 1, 0, 0), new Severities(1, 1, 1), 3),
        result.counts());
  }

  @Test
  void rangeWithoutDiscrepanciesIsNotRecheckedAndDoesNotWait() {
    var clean = new DetectedCounts(new Volumes(10, 10, 10), Findings.NONE, Severities.NONE);
    compare.compare = r -> clean;

    PartitionResult result = run("cycle-1-range-0", 0, Duration.ofMinutes(30));

    assertEquals(
        new Counts(new Volumes(10, 10, 10), Findings.NONE, Severities.NONE, 0), result.counts());
    assertTrue(compare.rechecked.isEmpty());
    // The history, not the test server's clock: that one may move on after the result is in.
    assertTrue(
        cluster.client.fetchHistory("cycle-1-range-0").getEvents().stream()
            .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED),
        "no settle timer");
  }

  @Test
  void rangeRequestsCarryTheChildsOwnLineage() {
    run("cycle-1-range-2", 2, Duration.ZERO);

    RangeRequest compared = compare.compared.get(0);
    assertEquals("cycle-1-range-2", compared.workflowId());
    assertTrue(!compared.runId().isBlank());
    assertEquals("cycle-1", compared.cycleId());
    assertEquals(compared, compare.rechecked.get(0), "recheck reads the same range");
  }

  private PartitionResult run(String workflowId, int rangeIndex, Duration settle) {
    PartitionWorkflow partition =
        cluster.client.newWorkflowStub(
            PartitionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TestCluster.QUEUE)
                .setWorkflowId(workflowId)
                .build());
    return partition.compare(
        new PartitionRequest(TestSpecs.job(8, 2, settle), "cycle-1", rangeIndex, Mode.FULL, null));
  }
}
