package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Poll;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ApprovalContinueAsNewTest {
  private static final String ID = "recon-orders-long-approval";
  // Eight held repairs out of 101 compared records would trip the default gate.
  private static final RepairPolicy LENIENT =
      new RepairPolicy(List.of(Severity.LOW), Duration.ofHours(24), 1.0, 100_000);

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void longApprovalWaitContinuesAsNewKeepingCountsDeadlineAndRequestIds() throws Exception {
    var repair = new FakeRepair();
    for (int i = 0; i < 8; i++) {
      repair.add("d-" + i, Severity.MEDIUM);
    }
    var compare = new FakeCompare();
    // A history budget a first run exceeds after a few decisions, so the wait spans runs.
    try (var cluster =
        new TestCluster(
            compare,
            new FakeStore(),
            repair,
            () -> new ReconciliationWorkflowImpl(new RunBudget(200, 80)))) {
      ReconciliationWorkflow started =
          cluster.start(ID, new CycleRequest(TestSpecs.withRepair(LENIENT), Mode.FULL, "test"));
      // A stub without a run id follows the chain of runs.
      ReconciliationWorkflow cycle =
          cluster.client.newWorkflowStub(ReconciliationWorkflow.class, ID);
      Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));

      for (int i = 0; i < 6; i++) {
        approve(cluster, "r-" + i, "d-" + i);
        long left = 7 - i;
        Poll.status(
            cycle,
            s -> s.pendingApproval() == left && Phase.AWAITING_APPROVAL.name().equals(s.phase()));
      }
      // The first request again, after the run that took it has ended.
      approve(cluster, "r-0", "d-0");
      Poll.status(cycle, s -> s.decisions().size() == 7);
      // The test server does not skip time across continue-as-new (temporalio/sdk-java#1540), so
      // the wait ends on a decision here; the timeout path is covered in RepairApprovalTest.
      cluster
          .client
          .newUntypedWorkflowStub(ID)
          .signal(ReconciliationWorkflow.REJECT, Map.of("approver", "bob", "requestId", "r-9"));
      CycleResult result = TestCluster.result(started);

      // Read from each run's start: the status queries polled above can race the task that
      // continues as new, and the test server then serves the old run without its last events.
      List<CycleProgress> carried = ContinueAsNewTest.startedProgress(cluster, ID);
      assertTrue(carried.size() >= 1, "the wait continued as new at least once");
      assertTrue(carried.stream().allMatch(p -> p.repair() != null), "every run carries repair");
      long deadline = carried.get(0).repair().approvalDeadlineMillis();
      assertTrue(
          carried.stream().allMatch(p -> p.repair().approvalDeadlineMillis() == deadline),
          "every run expires at the deadline set at routing");
      assertEquals(new RepairCounts(6, 0, 2, 0, 0, 0, 0, 0), result.repairs());
      assertEquals(1, compare.compared.size(), "a resumed run neither compares");
      assertEquals(1, repair.routes.size(), "nor routes again");
      assertEquals(List.of("d-6", "d-7"), repair.withStatus(DiscrepancyStatus.REJECTED));
      Decision last = cycle.status().decisions().get(6);
      assertEquals("duplicate: request r-0 was already received", last.refusal());
      assertEquals(1, repair.audit.stream().filter(d -> "r-0".equals(d.requestId())).count());
      List<Integer> lengths =
          ContinueAsNewTest.runsBackwards(cluster, ID).stream()
              .map(h -> h.getEvents().size())
              .toList();
      assertTrue(lengths.stream().allMatch(n -> n < 150), "events per run: " + lengths);
    }
  }

  private static void approve(TestCluster cluster, String requestId, String id) {
    cluster
        .client
        .newUntypedWorkflowStub(ID)
        .signal(
            ReconciliationWorkflow.APPROVE,
            Map.of("approver", "alice", "requestId", requestId, "ids", List.of(id)));
  }
}
