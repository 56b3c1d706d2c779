package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.audit.AuditEvent;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.TargetSpec;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.Gate;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The gate, decision input and audit events of repair, without a store. */
class RepairPolicyTest {
  private static final RepairPolicy POLICY =
      new RepairPolicy(List.of(Severity.LOW), Duration.ofHours(1), 0.10, 5);
  private static final JobSpec SPEC =
      new JobSpec(
          "customers",
          "owner@example.com",
          List.of("alice", "bob"),
          new SourceSpec("customers", null, List.of("id"), null),
          new TargetSpec("db", "docs", List.of("_id")),
          List.of(),
          true,
          null,
          null,
          1,
          1,
          null,
          POLICY,
          null,
          null,
          Limits.NONE);

  @Test
  void theGateStaysOpenAtTheThresholdsAndTripsPastEither() {
    Gate open = GateRule.evaluate(POLICY, 10, 5, 100);
    assertFalse(open.tripped());
    assertEquals(0.10, open.ratio());
    assertEquals(5, open.repairs());
    assertEquals(0.10, open.threshold());
    assertEquals(5, open.maxRepairs());

    Gate ratio = GateRule.evaluate(POLICY, 11, 10, 100);
    assertTrue(ratio.tripped());
    assertEquals(1, ratio.repairs());

    Gate repairs = GateRule.evaluate(POLICY, 6, 0, 1000);
    assertTrue(repairs.tripped());
    assertEquals(6, repairs.repairs());
  }

  @Test
  void aCycleThatComparedNothingDividesByOne() {
    Gate g = GateRule.evaluate(POLICY, 0, 0, 0);
    assertFalse(g.tripped());
    assertEquals(0.0, g.ratio());
    assertTrue(GateRule.evaluate(POLICY, 1, 1, 0).tripped());
  }

  @Test
  void aDecisionReadsItsActionInAnyCaseAndSplitsTheIdsItCannotParse() {
    var input = DecisionInput.parse(request("Approve", " ", List.of("3", " 7 ", "x7", "")));
    assertTrue(input.approve());
    assertEquals("unknown", input.approver());
    assertEquals(List.of(3L, 7L), input.named());
    assertEquals(List.of("x7", ""), input.unparsable());
    assertEquals(DiscrepancyStatus.APPROVED, input.to());
    assertEquals("approved by unknown", input.detail());
    assertEquals("approve", input.action());
    assertEquals(List.of("x7", "", "7"), input.notPending(List.of(3L)));

    var reject = DecisionInput.parse(request("REJECT", "alice", List.of()));
    assertFalse(reject.approve());
    assertEquals(DiscrepancyStatus.REJECTED, reject.to());
    assertEquals("rejected by alice", reject.detail());
    assertEquals(List.of(), reject.notPending(List.of(1L, 2L)));
  }

  @Test
  void aDecisionThatIsNeitherApproveNorRejectIsABadRequestNamingTheAction() {
    var e =
        assertThrows(
            ApplicationFailure.class,
            () -> DecisionInput.parse(request("approved", "alice", List.of("1"))));
    assertEquals("BAD_SPEC", e.getType());
    assertTrue(e.getOriginalMessage().contains("not approved"), e.getOriginalMessage());
  }

  @Test
  void aDecisionAuditsWhatItAppliedThenWhatWasNotPending() {
    var r = request("reject", "bob", List.of("9", "4", "nope"));
    var input = DecisionInput.parse(r);
    List<AuditEvent> events = Decider.events(r, input, List.of(9L, 4L), List.of("nope"));
    assertEquals(
        List.of(
            new AuditEvent(
                "c1",
                "bob",
                AuditAction.APPROVAL_REJECTED,
                "cycle c1",
                "{\"requestId\":\"rq\",\"count\":2,\"ids\":[4,9]}",
                "why"),
            new AuditEvent(
                "c1",
                "bob",
                AuditAction.APPROVAL_REFUSED,
                "cycle c1",
                "{\"action\":\"reject\",\"requestId\":\"rq\",\"count\":1,\"ids\":[\"nope\"]}",
                "not pending approval in this cycle")),
        events);
    assertEquals(List.of(), Decider.events(r, input, List.of(), List.of()));
  }

  @Test
  void routingAuditsEachStatusThenTheTrippedGateThenTheRequestForApproval() {
    Gate tripped = GateRule.evaluate(POLICY, 20, 0, 100);
    List<AuditEvent> events =
        Router.events(SPEC, "c1", "recon", tripped, List.of(), List.of(5L, 2L), List.of(8L));
    assertEquals(
        List.of(
            AuditAction.REPAIR_ROUTED,
            AuditAction.REPAIR_ROUTED,
            AuditAction.GATE_TRIPPED,
            AuditAction.APPROVAL_REQUESTED),
        events.stream().map(AuditEvent::action).toList());
    assertEquals(
        "{\"status\":\"PENDING_APPROVAL\",\"count\":2,\"ids\":[2,5]}", events.get(0).detail());
    assertEquals("PENDING_APPROVAL", events.get(0).subject());
    assertEquals("REPORTED", events.get(1).subject());
    assertEquals(
        "{\"ratio\":0.2,\"threshold\":0.1,\"repairs\":20,\"maxRepairs\":5}",
        events.get(2).detail());
    assertEquals(tripped.describe(), events.get(2).reason());
    assertEquals("{\"count\":2,\"approvers\":[\"alice\",\"bob\"]}", events.get(3).detail());
    assertEquals(tripped.describe(), events.get(3).reason());
  }

  @Test
  void aRetryThatRoutesNothingAuditsNothingEvenWithTheGateTripped() {
    Gate tripped = GateRule.evaluate(POLICY, 20, 0, 100);
    assertEquals(
        List.of(), Router.events(SPEC, "c1", "recon", tripped, List.of(), List.of(), List.of()));
  }

  @Test
  void anOpenGateAsksForApprovalOfWhatItsSeveritiesDoNotRepair() {
    Gate open = GateRule.evaluate(POLICY, 1, 0, 100);
    List<AuditEvent> events =
        Router.events(SPEC, "c1", "recon", open, List.of(1L), List.of(2L), List.of());
    assertEquals(
        List.of(
            AuditAction.REPAIR_ROUTED, AuditAction.REPAIR_ROUTED, AuditAction.APPROVAL_REQUESTED),
        events.stream().map(AuditEvent::action).toList());
    assertEquals("severity not repaired automatically", events.get(2).reason());
  }

  @Test
  void anAuditedIdListIsCutAtOneHundredWithTheExactCount() {
    var ids = new ArrayList<Long>();
    IntStream.range(0, 150).forEach(i -> ids.add((long) i));
    AuditEvent e = RepairEvents.verified("c1", "recon", ids);
    assertTrue(e.detail().startsWith("{\"count\":150,\"ids\":[0,1,"), e.detail());
    assertTrue(e.detail().endsWith(",99],\"idsTruncated\":true}"), e.detail());
    assertNull(e.reason());
  }

  @Test
  void anExpiredApprovalIsEscalatedToTheOwner() {
    AuditEvent e = RepairEvents.expired("c1", "recon", SPEC, List.of(3L, 1L));
    assertEquals(AuditAction.APPROVAL_EXPIRED, e.action());
    assertEquals("{\"escalatedTo\":\"owner@example.com\",\"count\":2,\"ids\":[1,3]}", e.detail());
    assertEquals("nobody decided within repair.approvalTimeout", e.reason());
  }

  private static DecideRequest request(String action, String approver, List<String> ids) {
    return new DecideRequest(SPEC, "c1", action, approver, "why", ids, "rq", null);
  }
}
