package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationKind;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeEscalation;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Poll;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The moments of a cycle that are posted to the owner when the spec has an {@code escalation:}:
 * each once, with its idempotency key, and none of them able to fail the cycle.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EscalationWorkflowTest {
  private static final Duration DAY = Duration.ofHours(24);

  private final FakeCompare compare = new FakeCompare();
  private final FakeStore store = new FakeStore();
  private final FakeRepair repair =
      new FakeRepair()
          .add("d-low", Severity.LOW)
          .add("d-med", Severity.MEDIUM)
          .add("d-high", Severity.HIGH)
          .add("orphan-1", Severity.LOW);
  private final FakeEscalation escalation = new FakeEscalation();
  private final TestCluster cluster = new TestCluster(compare, store, repair, escalation);

  @AfterEach
  void stop() {
    cluster.close();
  }

  private ReconciliationWorkflow start(String id, JobSpec spec) {
    return cluster.start(id, new CycleRequest(spec, Mode.FULL, "test"));
  }

  private static JobSpec escalating(RepairPolicy policy) {
    return TestSpecs.withEscalation(TestSpecs.withRepair(policy));
  }

  @Test
  void anApprovalTimeoutPostsApprovalExpiredOnce() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-esc-timeout", escalating(null));

    CycleResult result = TestCluster.result(cycle);

    assertEquals(CycleState.COMPLETED, result.state());
    assertEquals(3, result.repairs().expired());
    assertEquals(List.of("approval.waiting", "approval.expired"), escalation.kinds());
    EscalationEvent waiting = escalation.delivered.get(0);
    assertEquals("recon-orders-esc-timeout/approval.waiting", waiting.eventId());
    assertEquals(3L, waiting.counts().get("pendingApproval"));
    EscalationEvent expired = escalation.delivered.get(1);
    assertEquals("recon-orders-esc-timeout/approval.expired", expired.eventId());
    assertEquals(EscalationKind.APPROVAL_EXPIRED, expired.kind());
    assertEquals(3L, expired.counts().get("expired"));
    assertTrue(expired.summary().contains("escalated to owner shop-team"), expired.summary());
    // The deadline is the routing's time plus the timeout, which the waiting post names; the wait
    // begins a little after routing (more on a loaded machine), so the expiry is measured against
    // the deadline, not against the waiting post.
    String summary = waiting.summary();
    Instant deadline = Instant.parse(summary.substring(summary.lastIndexOf("until ") + 6).trim());
    assertFalse(
        expired.occurredAt().isBefore(deadline),
        "expired at or after the approval deadline, on the workflow's clock");
    assertTrue(
        Duration.between(waiting.occurredAt(), deadline).compareTo(DAY) <= 0
            && Duration.between(waiting.occurredAt(), deadline).compareTo(DAY.minusHours(1)) > 0,
        "the deadline is the approval timeout after routing: " + summary);
  }

  @Test
  void aDecisionInTimePostsNoExpiry() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-esc-decided", escalating(null));
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));
    WorkflowStub.fromTyped(cycle)
        .signal("approve", Map.of("approver", "alice", "reason", "ok", "requestId", "r-1"));

    CycleResult result = TestCluster.result(cycle);

    assertEquals(0, result.repairs().expired());
    assertEquals(List.of("approval.waiting"), escalation.kinds());
  }

  @Test
  void aSlowEndpointNeverHoldsUpADecision() throws Exception {
    escalation.slow = new CountDownLatch(1);
    ReconciliationWorkflow cycle = start("recon-orders-esc-slow", escalating(null));
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));
    for (int i = 0; i < 2_000 && escalation.kinds().isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertEquals(List.of("approval.waiting"), escalation.kinds(), "the post is under way");

    WorkflowStub.fromTyped(cycle)
        .signal("approve", Map.of("approver", "alice", "reason", "ok", "requestId", "r-1"));
    CycleStatus decided = Poll.status(cycle, s -> s.pendingApproval() == 0);
    escalation.slow.countDown();
    CycleResult result = TestCluster.result(cycle);

    assertEquals(1, decided.decisions().size(), "decided while the post was still running");
    assertEquals(CycleState.COMPLETED, result.state());
    assertEquals(4, result.repairs().repaired());
  }

  @Test
  void aFailingDeliveryNeverFailsTheCycle() throws Exception {
    escalation.failing = true;
    ReconciliationWorkflow cycle = start("recon-orders-esc-failing", escalating(null));

    CycleResult result = TestCluster.result(cycle);

    assertEquals(CycleState.COMPLETED, result.state(), result.message());
    assertEquals(3, result.repairs().expired());
    assertEquals(CycleState.COMPLETED, store.onlyClose().state());
    assertEquals(
        List.of("approval.waiting", "approval.expired"),
        escalation.kinds(),
        "a non-retryable failure is tried once per event, then passed over");
  }

  @Test
  void aTrippedGateIsPostedWithItsRatio() throws Exception {
    var strict = new RepairPolicy(List.of(Severity.LOW), DAY, 0.01, 100_000);
    ReconciliationWorkflow cycle = start("recon-orders-esc-gated", escalating(strict));

    TestCluster.result(cycle);

    EscalationEvent gate =
        escalation.delivered.stream()
            .filter(e -> e.kind() == EscalationKind.GATE_TRIPPED)
            .findFirst()
            .orElseThrow();
    assertEquals(1, escalation.kinds().stream().filter("gate.tripped"::equals).count());
    assertEquals(10_000L, gate.counts().get("thresholdPpm"));
    assertTrue(gate.summary().startsWith("gate tripped: divergence ratio"), gate.summary());
  }

  @Test
  void aFailedCyclePostsItsTypeAndReason() {
    compare.compare =
        r -> {
          throw ApplicationFailure.newNonRetryableFailure(
              "column public.orders.emial does not exist", "MISSING_COLUMN");
        };
    ReconciliationWorkflow cycle = start("recon-orders-esc-failed", escalating(null));

    assertThrows(WorkflowFailedException.class, () -> TestCluster.result(cycle));

    assertEquals(List.of("cycle.failed"), escalation.kinds());
    EscalationEvent failed = escalation.delivered.get(0);
    assertEquals("MISSING_COLUMN", failed.failureType());
    assertEquals("column public.orders.emial does not exist", failed.reason());
    assertTrue(failed.summary().contains("MISSING_COLUMN"), failed.summary());
  }

  @Test
  void driftOlderThanTheThresholdIsPostedAtTheEnd() throws Exception {
    escalation.drift = new DriftFound(2, Instant.parse("2026-02-01T00:00:00Z"));
    ReconciliationWorkflow cycle = start("recon-orders-esc-drift", escalating(null));

    TestCluster.result(cycle);

    assertEquals(
        List.of("approval.waiting", "approval.expired", "drift.persistent"), escalation.kinds());
    assertEquals(Duration.ofDays(7), escalation.driftQueries.get(0).olderThan());
    assertEquals(2L, escalation.delivered.get(2).counts().get("open"));
  }

  @Test
  void aSpecWithoutEscalationPostsNothing() throws Exception {
    ReconciliationWorkflow cycle = start("recon-orders-esc-none", TestSpecs.withRepair(null));

    TestCluster.result(cycle);

    assertEquals(List.of(), escalation.kinds());
    assertEquals(List.of(), escalation.driftQueries);
  }
}
