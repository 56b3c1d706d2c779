package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.Severity;
import io.recon.workflows.approval.Verdict;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Poll;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code decide} update: the same decisions as the signals, answered with a verdict. The fake
 * repair side holds {@link RepairApprovalTest#HELD} for approval.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecideUpdateTest {
  private final FakeCompare compare = new FakeCompare();
  private final FakeRepair repair =
      new FakeRepair()
          .add("d-low", Severity.LOW)
          .add("d-med", Severity.MEDIUM)
          .add("d-high", Severity.HIGH)
          .add("orphan-1", Severity.LOW);
  private final TestCluster cluster = new TestCluster(compare, new FakeStore(), repair);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ReconciliationWorkflow awaitingApproval(String id) throws Exception {
    ReconciliationWorkflow cycle =
        cluster.start(id, new CycleRequest(TestSpecs.withRepair(null), Mode.FULL, "test"));
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));
    return cycle;
  }

  private static Verdict decide(ReconciliationWorkflow cycle, Object request) {
    return WorkflowStub.fromTyped(cycle)
        .update(ReconciliationWorkflow.DECIDE, Verdict.class, request);
  }

  private static Map<String, Object> request(
      String action, String approver, String requestId, String... ids) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("action", action);
    m.put("approver", approver);
    m.put("reason", "checked");
    if (requestId != null) {
      m.put("requestId", requestId);
    }
    if (ids.length > 0) {
      m.put("ids", List.of(ids));
    }
    return m;
  }

  @Test
  void anAcceptedDecisionAnswersWhatItDecidedAndWhichIdsItRefused() throws Exception {
    ReconciliationWorkflow cycle = awaitingApproval("recon-orders-decide-accepted");

    Verdict verdict = decide(cycle, request("approve", "alice", "u-1", "d-med", "d-gone"));

    assertEquals("u-1", verdict.requestId());
    assertEquals("approve", verdict.action());
    assertEquals("alice", verdict.approver());
    assertTrue(verdict.accepted(), verdict.toString());
    assertEquals(1, verdict.applied());
    assertEquals(List.of("d-med"), verdict.decided());
    assertEquals(List.of(new Verdict.RefusedId("d-gone", Verdict.NOT_PENDING)), verdict.refused());
    assertEquals(DiscrepancyStatus.REPAIRED, repair.status("d-med"));
    Decision recorded = cycle.status().decisions().get(0);
    assertEquals("u-1", recorded.requestId(), "the update is recorded like a signal");
    assertEquals(Verdict.of(recorded), verdict);

    Verdict rest = decide(cycle, request("reject", "bob", null));
    assertTrue(rest.accepted());
    assertEquals(2, rest.applied(), "no ids: everything still pending");
    assertNotNull(rest.requestId(), "a request id is given when the caller gave none");
    TestCluster.result(cycle);
    assertEquals(DiscrepancyStatus.REJECTED, repair.status("d-high"));
  }

  @Test
  void aRefusedDecisionAnswersWhyAndIsAudited() throws Exception {
    ReconciliationWorkflow cycle = awaitingApproval("recon-orders-decide-refused");

    Verdict unauthorized = decide(cycle, request("approve", "mallory", "u-2", "d-high"));
    assertFalse(unauthorized.accepted());
    assertEquals("approver 'mallory' is not in approvers [alice, bob]", unauthorized.refusal());
    assertEquals(
        List.of(new Verdict.RefusedId("d-high", unauthorized.refusal())), unauthorized.refused());
    assertEquals(0, unauthorized.applied());
    Poll.status(cycle, s -> !repair.refusalsAudited().isEmpty());
    assertEquals("mallory", repair.refusalsAudited().get(0).approver());

    Verdict first = decide(cycle, request("approve", "alice", "u-3", "d-med"));
    Verdict again = decide(cycle, request("approve", "alice", "u-3", "d-high"));
    assertTrue(first.accepted());
    assertFalse(again.accepted(), "a repeated request id decides nothing");
    assertEquals("duplicate: request u-3 was already received", again.refusal());
    assertEquals(DiscrepancyStatus.PENDING_APPROVAL, repair.status("d-high"));
    assertEquals(DiscrepancyStatus.PENDING_APPROVAL, repair.status("orphan-1"));
  }

  @Test
  void aMalformedRequestIsRefusedBeforeItReachesTheHistory() throws Exception {
    ReconciliationWorkflow cycle = awaitingApproval("recon-orders-decide-malformed");
    WorkflowStub stub = WorkflowStub.fromTyped(cycle);

    List<String> messages =
        List.of(
                Map.of("action", "merge", "approver", "alice"),
                Map.of("approver", "alice"),
                Map.of("action", "approve", "approver", 7.5),
                Map.of("action", "approve", "approver", "alice", "ids", "d-med"))
            .stream()
            .map(r -> refusal(stub, r))
            .toList();
    String notAnObject = refusal(stub, "approve everything");

    assertEquals(
        List.of(
            "decide refused: \"action\" must be \"approve\" or \"reject\", not \"merge\"",
            "decide refused: \"action\" must be \"approve\" or \"reject\", not absent",
            "decide refused: \"approver\" must be a string, not a number",
            "decide refused: \"ids\" must be an array of non-blank strings of at most 64 chars,"
                + " not a string"),
        messages);
    assertEquals(
        "decide refused: decide takes a JSON object with \"action\" and \"approver\"", notAnObject);
    assertTrue(cycle.status().decisions().isEmpty(), "nothing was decided or recorded");
    boolean anyUpdateEvent =
        cluster.client.fetchHistory(stub.getExecution().getWorkflowId()).getEvents().stream()
            .anyMatch(
                e ->
                    e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
                        || e.getEventType()
                            == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    assertFalse(anyUpdateEvent, "a refused request leaves no trace in the history");
    assertEquals(DiscrepancyStatus.PENDING_APPROVAL, repair.status("d-med"));
  }

  private static String refusal(WorkflowStub stub, Object request) {
    WorkflowUpdateException e =
        assertThrows(
            WorkflowUpdateException.class,
            () -> stub.update(ReconciliationWorkflow.DECIDE, Verdict.class, request));
    // The SDK reports a validator's failure under its own type; the message is the contract.
    return ((ApplicationFailure) e.getCause()).getOriginalMessage();
  }

  @Test
  void aDecisionWhileComparingIsRefusedAtOnceWithThePhase() throws Exception {
    compare.release = new CountDownLatch(1);
    ReconciliationWorkflow cycle =
        cluster.start(
            "recon-orders-decide-early",
            new CycleRequest(TestSpecs.job(2, 2, Duration.ZERO), Mode.FULL, "test"));
    compare.awaitInFlight(1);

    Verdict early = decide(cycle, request("approve", "alice", "u-4", "d-1"));

    assertFalse(early.accepted());
    assertEquals("u-4", early.requestId());
    assertEquals("the cycle is not awaiting approval (phase COMPARING)", early.refusal());
    assertEquals(List.of(new Verdict.RefusedId("d-1", early.refusal())), early.refused());
    compare.release.countDown();
    TestCluster.result(cycle);
    assertEquals("u-4", repair.refusalsAudited().get(0).requestId(), "and it is audited");
  }
}
