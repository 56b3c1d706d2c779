package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Payloads;
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
      Decision early = decisions.get(2);
      assertEquals(
          "the cycle is not awaiting approval (phase COMPARING)",
          early.refusal(),
          "a valid signal before the approval phase is refused, not held");
      assertEquals("alice", early.approver());
      assertEquals("checked with finance", early.reason());
      assertEquals("req-7", early.requestId());
      assertEquals(List.of("d-1", "d-2"), early.ids());
      assertEquals(0, early.applied());
      assertEquals(decisions, cycle.status().decisions(), "decisions outlive the cycle's end");
    }
  }

  @Test
  void signalsThatAreNotJsonAreRefusedVisiblyAndAudited() throws Exception {
    var compare = new FakeCompare();
    var repair = new FakeRepair();
    compare.release = new CountDownLatch(1);
    try (var cluster = new TestCluster(compare, new FakeStore(), repair)) {
      var request = new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.FULL, "test");
      ReconciliationWorkflow cycle = cluster.start("recon-orders-garbage", request);
      compare.awaitInFlight(1);

      // A truncated text from a script, and bytes from a client with another data converter: the
      // SDK would drop both with a log line if the handler took a typed payload.
      cycle.approve(Payloads.json("{\"approver\": \"bo"));
      cycle.reject(Payloads.raw("binary/plain", new byte[] {(byte) 0xff, 0, 0x1b, 'x'}));
      List<Decision> decisions = awaitDecisions(cycle, 2);
      compare.release.countDown();
      TestCluster.result(cycle);

      assertEquals("approve", decisions.get(0).action());
      assertTrue(
          decisions.get(0).refusal().startsWith("payload is not valid JSON ("),
          decisions.get(0).refusal());
      assertTrue(decisions.get(0).refusal().endsWith(": {\"approver\": \"bo"));
      assertEquals("reject", decisions.get(1).action());
      assertEquals("payload is not JSON (encoding binary/plain)", decisions.get(1).refusal());
      assertEquals(
          List.of("approve", "reject"),
          repair.refusalsAudited().stream().map(d -> d.action()).toList(),
          "both refusals reach the audit");
    }
  }

  @Test
  void signalsWhileComparingAreAuditedOnceTheNextRangeCompletes() throws Exception {
    var compare = new FakeCompare();
    var repair = new FakeRepair();
    compare.release = new CountDownLatch(1);
    try (var cluster = new TestCluster(compare, new FakeStore(), repair)) {
      var request = new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.FULL, "test");
      ReconciliationWorkflow cycle = cluster.start("recon-orders-early-audit", request);
      compare.awaitInFlight(2);

      sendAll(cycle);
      awaitDecisions(cycle, 3);
      assertTrue(repair.audit.isEmpty(), "no activity runs while the window is full");
      compare.release.countDown();
      TestCluster.result(cycle);

      assertEquals(
          List.of("approve", "reject", "approve"),
          repair.refusalsAudited().stream().map(d -> d.action()).toList());
      assertEquals(List.of("d-1", "d-2"), repair.refusalsAudited().get(2).ids());
      assertEquals("req-7", repair.refusalsAudited().get(2).requestId());
    }
  }

  private static void sendAll(ReconciliationWorkflow cycle) throws Exception {
    // What an operator sends by mistake with `temporal workflow signal --input '"yes"'`.
    WorkflowStub.fromTyped(cycle).signal(ReconciliationWorkflow.APPROVE, "approve everything");
    cycle.reject(Payloads.json("{\"approver\": \"mallory\", \"reason\": \"because\"}"));
    cycle.approve(
        Payloads.json(
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
