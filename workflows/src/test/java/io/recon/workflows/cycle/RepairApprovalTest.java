package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Poll;
import io.recon.workflows.testing.Statuses;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routing, repair and approval over one compared range. The fake repair side holds one LOW
 * discrepancy (repaired automatically under the default policy) and three held for approval: a
 * MEDIUM and a HIGH mismatch and an orphan delete. Every test is bounded in real time, so an
 * approval wait that never ends fails rather than hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepairApprovalTest {
  static final List<String> HELD = List.of("d-med", "d-high", "orphan-1");
  private static final Duration DAY = Duration.ofHours(24);

  private final FakeCompare compare = new FakeCompare();
  private final FakeStore store = new FakeStore();
  private final FakeRepair repair =
      new FakeRepair()
          .add("d-low", Severity.LOW)
          .add("d-med", Severity.MEDIUM)
          .add("d-high", Severity.HIGH)
          .add("orphan-1", Severity.LOW);
  private final TestCluster cluster = new TestCluster(compare, store, repair);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ReconciliationWorkflow start(String id, RepairPolicy policy) {
    return cluster.start(id, new CycleRequest(TestSpecs.withRepair(policy), Mode.FULL, "test"));
  }

  private static CycleStatus awaitApproval(ReconciliationWorkflow cycle) throws Exception {
    return Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));
  }

  private static void signal(ReconciliationWorkflow cycle, String name, Object payload) {
    WorkflowStub.fromTyped(cycle).signal(name, payload);
  }

  private static Map<String, Object> by(String approver, String requestId, String... ids) {
    return Map.of("approver", approver, "reason", "checked", "requestId", requestId, "ids", ids);
  }

  @Test
  void approveAllRepairsEverythingPendingThenVerifies() throws Exception {
    repair.unresolvedAfterRepair.add("d-high");
    ReconciliationWorkflow cycle = start("recon-orders-approve-all", null);
    awaitApproval(cycle);
    long waitingSince = cluster.env.currentTimeMillis();

    signal(cycle, "approve", Map.of("approver", "alice", "reason", "ok", "requestId", "r-1"));
    CycleResult result = TestCluster.result(cycle);

    // The workflow's own clock: the test server's may skip to the abandoned timer afterwards.
    assertTrue(
        Statuses.updatedAtMillis(cycle.status()) - waitingSince < DAY.toMillis(),
        "the wait ended on the decision, not on the approval timer");
    assertEquals(CycleState.COMPLETED, result.state());
    assertEquals(new RepairCounts(4, 0, 0, 0, 0, 0, 1, 0), result.repairs());
    assertEquals(
        List.of("route", "repair", "decide", "repair", "verify"), repair.calls, "one pass each");
    assertEquals(
        List.of("d-low", "d-med", "orphan-1"), repair.withStatus(DiscrepancyStatus.REPAIRED));
    assertEquals(DiscrepancyStatus.UNRESOLVED, repair.status("d-high"));
    Decision decision = cycle.status().decisions().get(0);
    assertTrue(decision.accepted());
    assertEquals(3, decision.applied());
    assertEquals("r-1", decision.requestId());
    assertEquals(
        FakeCompare.expectedTotal(1).volumes().compared(), repair.routes.get(0).compared());
    assertFalse(store.onlyClose().gate().tripped());
    assertEquals(result.repairs(), Statuses.repairs(cycle.status()));
  }

  @Test
  void approveSomeAndRejectOthers() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-some", null);
    awaitApproval(cycle);

    signal(cycle, "approve", by("alice", "r-1", "d-med", "d-gone"));
    Poll.status(cycle, s -> s.pendingApproval() == 2);
    signal(cycle, "reject", Map.of("approver", "bob", "reason", "deletes need a ticket"));
    CycleResult result = TestCluster.result(cycle);

    assertEquals(new RepairCounts(2, 0, 2, 0, 0, 0, 0, 0), result.repairs());
    assertEquals(List.of("d-low", "d-med"), repair.withStatus(DiscrepancyStatus.REPAIRED));
    assertEquals(List.of("d-high", "orphan-1"), repair.withStatus(DiscrepancyStatus.REJECTED));
    List<Decision> decisions = cycle.status().decisions();
    assertEquals(1, decisions.get(0).applied());
    assertEquals(List.of("d-gone"), decisions.get(0).refusedIds(), "named but not pending");
    assertTrue(decisions.get(0).accepted());
    assertEquals("reject", decisions.get(1).action());
    assertEquals(2, decisions.get(1).applied());
    assertTrue(result.message().contains("2 rejected"), result.message());
  }

  @Test
  void malformedApprovalIsRefusedVisiblyAndAudited() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-malformed", null);
    awaitApproval(cycle);

    // What an operator sends by mistake with `temporal workflow signal --input '"yes"'`.
    signal(cycle, "approve", "yes");
    signal(cycle, "approve", Map.of("reason", "forgot who I am", "ids", List.of("d-med")));
    CycleStatus waiting = Poll.status(cycle, s -> s.decisions().size() == 2);

    assertEquals(
        List.of(
            "payload must be a JSON object with \"approver\", not a string",
            "payload must be a JSON object with \"approver\""),
        waiting.decisions().stream().map(Decision::refusal).toList());
    assertEquals(3, waiting.pendingApproval(), "a refusal decides nothing");
    assertEquals(CycleState.AWAITING_APPROVAL, waiting.state());
    assertRefusalsAudited(2);
    assertEquals(List.of("d-med"), repair.refusalsAudited().get(1).ids());
    assertEquals(HELD, repair.withStatus(DiscrepancyStatus.PENDING_APPROVAL));

    signal(cycle, "reject", Map.of("approver", "alice"));
    assertEquals(3, TestCluster.result(cycle).repairs().rejected());
  }

  @Test
  void unauthorizedApproverIsRefusedVisiblyAndAudited() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-mallory", null);
    awaitApproval(cycle);

    signal(cycle, "approve", by("mallory", "r-9", "d-high"));
    Decision refused = Poll.status(cycle, s -> !s.decisions().isEmpty()).decisions().get(0);

    assertEquals("approver 'mallory' is not in approvers [alice, bob]", refused.refusal());
    assertEquals("mallory", refused.approver());
    assertRefusalsAudited(1);
    DecideRequest audited = repair.refusalsAudited().get(0);
    assertEquals("mallory", audited.approver());
    assertEquals("r-9", audited.requestId());
    assertEquals(refused.refusal(), audited.refusal());
    assertEquals(DiscrepancyStatus.PENDING_APPROVAL, repair.status("d-high"));

    CycleResult result = TestCluster.result(cycle);
    assertEquals(3, result.repairs().expired(), "mallory approved nothing");
    assertEquals(1, result.repairs().repaired());
  }

  @Test
  void duplicateSignalIsHarmless() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-dup", null);
    awaitApproval(cycle);

    signal(cycle, "approve", by("alice", "r-1", "d-med"));
    signal(cycle, "approve", by("alice", "r-1", "d-med"));
    List<Decision> decisions = Poll.status(cycle, s -> s.decisions().size() == 2).decisions();
    signal(cycle, "reject", Map.of("approver", "bob"));
    CycleResult result = TestCluster.result(cycle);

    assertTrue(decisions.get(0).accepted());
    assertEquals("duplicate: request r-1 was already received", decisions.get(1).refusal());
    assertEquals(0, decisions.get(1).applied());
    assertEquals(
        1,
        repair.audit.stream().filter(d -> "r-1".equals(d.requestId())).count(),
        "the duplicate reaches neither decide nor the audit again");
    assertEquals(2, result.repairs().repaired());
    assertEquals(2, result.repairs().rejected());
  }

  @Test
  void timeoutExpiresPendingRepairsAndEscalatesToOwner() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-timeout", null);
    awaitApproval(cycle);
    long waitingSince = cluster.env.currentTimeMillis();

    CycleResult result = TestCluster.result(cycle);

    assertTrue(
        Statuses.updatedAtMillis(cycle.status()) - waitingSince >= DAY.toMillis() - 60_000,
        "the wait ended on the approval timer");
    assertEquals(new RepairCounts(1, 0, 0, 3, 0, 0, 0, 0), result.repairs());
    assertEquals(HELD, repair.withStatus(DiscrepancyStatus.EXPIRED));
    assertEquals(List.of("shop-team"), repair.escalatedTo);
    assertEquals(List.of("route", "repair", "expire", "verify"), repair.calls);
    assertTrue(result.message().contains("3 expired (escalated to owner shop-team)"));
    assertEquals(CycleState.COMPLETED, result.state());
  }

  @Test
  void trippedGateHoldsEverythingAndStatusSaysGated() throws Exception {
    var strict = new RepairPolicy(List.of(Severity.LOW), DAY, 0.01, 100_000);
    ReconciliationWorkflow cycle = start("recon-orders-gated", strict);

    CycleStatus gated = awaitApproval(cycle);

    assertEquals(CycleState.GATED, gated.state());
    assertTrue(gated.gate().tripped());
    assertEquals(0.01, gated.gate().threshold());
    assertEquals(4, gated.pendingApproval(), "even the LOW one waits");
    assertTrue(gated.message().contains("gate tripped"), gated.message());
    assertEquals(List.of("route"), repair.calls, "nothing repaired automatically");

    signal(cycle, "reject", Map.of("approver", "alice", "reason", "pipeline broken"));
    CycleResult result = TestCluster.result(cycle);

    assertEquals(CycleState.COMPLETED, result.state());
    assertTrue(result.gate().tripped());
    assertTrue(store.onlyClose().gate().tripped());
    assertEquals(new RepairCounts(0, 0, 4, 0, 0, 0, 0, 0), result.repairs());
    assertEquals(List.of("route", "decide"), repair.calls, "nothing to repair or verify");
  }

  @Test
  void autoRepairsRunWithoutApproval() throws Exception {
    var onlyLow =
        new FakeRepair()
            .add("a", Severity.LOW)
            .add("b", Severity.LOW)
            .add("changed", Severity.LOW)
            .add("broken", Severity.LOW);
    onlyLow.changedSinceComparison.add("changed");
    onlyLow.failingWrites.add("broken");
    try (var own = new TestCluster(compare, store, onlyLow)) {
      var request = new CycleRequest(TestSpecs.withRepair(null), Mode.FULL, "test");

      CycleResult result = TestCluster.result(own.start("recon-orders-auto", request));

      assertEquals(new RepairCounts(2, 0, 0, 0, 1, 1, 0, 0), result.repairs());
      assertEquals(List.of("route", "repair", "verify"), onlyLow.calls);
      assertEquals(CycleState.COMPLETED, result.state());
    }
  }

  @Test
  void statusShowsPendingApprovalWhileWaiting() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-waiting", null);

    CycleStatus waiting = awaitApproval(cycle);

    assertEquals(CycleState.AWAITING_APPROVAL, waiting.state());
    assertEquals(new RepairCounts(1, 3, 0, 0, 0, 0, 0, 0), Statuses.repairs(waiting));
    assertFalse(waiting.gate().tripped());
    assertEquals("3 repairs wait for approval by [alice, bob]", waiting.message());

    signal(cycle, "approve", by("bob", "r-1", "d-high"));
    CycleStatus after =
        Poll.status(
            cycle, s -> s.repaired() == 2 && Phase.AWAITING_APPROVAL.name().equals(s.phase()));
    assertEquals(2, after.pendingApproval(), "live, after the approval's repair pass");
    assertEquals(CycleState.AWAITING_APPROVAL, after.state());
    assertEquals(1, after.decisions().size());

    signal(cycle, "reject", Map.of("approver", "bob"));
    TestCluster.result(cycle);
    CycleStatus done = cycle.status();
    assertEquals(CycleState.COMPLETED, done.state());
    assertEquals(new RepairCounts(2, 0, 2, 0, 0, 0, 0, 0), Statuses.repairs(done));
  }

  @Test
  void cycleWithoutPersistentDiscrepanciesNeverRoutes() {
    compare.recheck = r -> new SettledCounts(Findings.NONE, Severities.NONE, 6);

    CycleResult result = TestCluster.result(start("recon-orders-clean", null));

    assertTrue(repair.calls.isEmpty(), "route, repair and verify never run: " + repair.calls);
    assertEquals(RepairCounts.ZERO, result.repairs());
    assertEquals(Gate.OPEN, result.gate());
    assertNull(store.onlyClose().error());
  }

  @Test
  void signalAfterEverythingIsDecidedIsRefusedAndAuditedNotDropped() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-late", null);
    awaitApproval(cycle);

    signal(cycle, "reject", Map.of("approver", "alice", "requestId", "r-1"));
    signal(cycle, "approve", Map.of("approver", "bob", "requestId", "r-2"));
    TestCluster.result(cycle);

    // Whether the second one is still queued when the first empties the held repairs, or arrives
    // once the wait is over, it is refused, shown and audited once.
    List<Decision> decisions = cycle.status().decisions();
    assertEquals(2, decisions.size(), decisions.toString());
    assertTrue(decisions.get(0).accepted());
    String refusal = decisions.get(1).refusal();
    assertTrue(
        refusal.equals("nothing is pending approval")
            || refusal.startsWith("the cycle is not awaiting approval (phase "),
        refusal);
    assertEquals(1, repair.refusalsAudited().size(), repair.audit.toString());
    assertEquals("r-2", repair.refusalsAudited().get(0).requestId());
  }

  private void assertRefusalsAudited(int n) throws InterruptedException {
    for (int i = 0; i < 2_000 && repair.refusalsAudited().size() < n; i++) {
      Thread.sleep(10);
    }
    assertEquals(n, repair.refusalsAudited().size(), repair.audit.toString());
  }
}
