package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ApprovalSignalsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void malformedUnauthorizedAndValidSignalsAreAllVisibleInStatus() throws Exception {
    var compare = new FakeCompare();
    compare.release = new CountDownLatch(1);
    try (var cluster = new TestCluster(compare, new FakeStore())) {
      var request = new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.FULL, "test");
      ReconciliationWorkflow cycle = cluster.start("recon-orders-signals", request);
      compare.awaitInFlight(1);

      sendAll(cycle);
      List<Decision> decisions = awaitDecisions(cycle, 3);
      compare.release.countDown();
      TestCluster.result(cycle);

      Decision malformed = decisions.get(0);
      assertEquals("approve", malformed.action());
      assertEquals(
          "payload must be a JSON object with \"approver\", not a string", malformed.refusal());
      Decision unauthorized = decisions.get(1);
      assertEquals("reject", unauthorized.action());
      assertEquals("mallory", unauthorized.approver());
      assertEquals("approver 'mallory' is not in approvers [alice, bob]", unauthorized.refusal());
      Decision valid = decisions.get(2);
      assertTrue(valid.accepted());
      assertEquals("alice", valid.approver());
      assertEquals("checked with finance", valid.reason());
      assertEquals("req-7", valid.requestId());
      assertEquals(List.of("d-1", "d-2"), valid.ids());
      assertEquals(0, valid.applied(), "nothing is pending approval yet");
      assertEquals(List.of("d-1", "d-2"), valid.refusedIds());
      assertEquals(decisions, cycle.status().decisions(), "decisions outlive the cycle's end");
    }
  }

  @Test
  void signalWithoutIdsIsAcceptedForEverythingPending() throws Exception {
    var compare = new FakeCompare();
    compare.release = new CountDownLatch(1);
    try (var cluster = new TestCluster(compare, new FakeStore())) {
      var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");
      ReconciliationWorkflow cycle = cluster.start("recon-orders-all", request);
      compare.awaitInFlight(1);

      cycle.approve(JSON.readTree("{\"approver\": \"bob\"}"));
      Decision decision = awaitDecisions(cycle, 1).get(0);
      compare.release.countDown();

      assertTrue(decision.accepted());
      assertTrue(decision.ids().isEmpty());
      assertTrue(decision.refusedIds().isEmpty());
      assertNull(decision.reason());
      assertFalse(decision.atMillis() == 0);
    }
  }

  private static void sendAll(ReconciliationWorkflow cycle) throws Exception {
    // What an operator sends by mistake with `temporal workflow signal --input '"yes"'`.
    WorkflowStub.fromTyped(cycle).signal(ReconciliationWorkflow.APPROVE, "approve everything");
    cycle.reject(JSON.readTree("{\"approver\": \"mallory\", \"reason\": \"because\"}"));
    cycle.approve(
        JSON.readTree(
            "{\"approver\": \"alice\", \"reason\": \"checked with finance\","
                + " \"requestId\": \"req-7\", \"ids\": [\"d-1\", \"d-2\"]}"));
  }

  /** Signals are applied by the next workflow task, so poll the query briefly. */
  static List<Decision> awaitDecisions(ReconciliationWorkflow cycle, int n) throws Exception {
    for (int i = 0; i < 500; i++) {
      List<Decision> decisions = cycle.status().decisions();
      if (decisions.size() >= n) {
        return decisions;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("expected " + n + " decisions, got " + cycle.status().decisions());
  }
}
