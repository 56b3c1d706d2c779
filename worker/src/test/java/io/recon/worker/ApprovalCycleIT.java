package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.audit.AuditVerifier;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Decision;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The approval phase end to end on real activities: the final state, the store, and the audit rows
 * of each decision.
 */
class ApprovalCycleIT {
  private static final String SPEC =
      """
      name: ledger
      owner: finance-team
      approvers: [alice]
      source: { table: public.ledger, key: [id] }
      target: { database: ${db}, collection: ledger, key: [_id] }
      fields:
        - { source: memo, target: memo, type: string, severity: low }
        - { source: amount, target: amount, type: decimal, scale: 2, severity: high }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [low], approvalTimeout: %s, maxDivergenceRatio: %s }
      """;

  /** 50 rows; memos differ on 1-4 (low), amounts on 11-13 (high). */
  private static void seed(CycleFixture f) {
    f.sql(
        "create table ledger (id int primary key, memo text, amount numeric(12,2))",
        "insert into ledger select g, 'memo ' || g, g * 10 from generate_series(1, 50) g");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 50; id++) {
      docs.add(
          new Document("_id", id)
              .append("memo", id <= 4 ? "stale" : "memo " + id)
              .append(
                  "amount",
                  new org.bson.types.Decimal128(
                      java.math.BigDecimal.valueOf(id * 10L + (id >= 11 && id <= 13 ? 1 : 0))))
              .append("owner", "kept-" + id));
    }
    f.collection("ledger").insertMany(docs);
  }

  private static CycleStatus awaitHeld(CycleFixture f, String cycleId) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        CycleStatus s = f.cycles.queryStatus(cycleId);
        if (s.state() == CycleState.AWAITING_APPROVAL || s.state() == CycleState.GATED) {
          return s;
        }
      } catch (RuntimeException notYet) {
        // the first workflow task may not have run
      }
      Thread.sleep(100);
    }
    throw new AssertionError("cycle never held repairs for approval");
  }

  private static Optional<Decision> decision(CycleFixture f, String cycleId, String requestId)
      throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      Optional<Decision> d =
          f.cycles.queryStatus(cycleId).decisions().stream()
              .filter(x -> requestId.equals(x.requestId()))
              .findFirst();
      if (d.isPresent()) {
        return d;
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  private static Set<String> auditActions(CycleFixture f, String cycleId) {
    Set<String> actions = new TreeSet<>();
    f.rows("select action from recon.audit_event where cycle_id = '" + cycleId + "'")
        .forEach(r -> actions.add(r.get(0)));
    return actions;
  }

  @Test
  void approveSomeRejectOthersAndRefuseAnUnknownApproverAllAudited() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      JobSpec spec = f.spec(SPEC.formatted("1h", "0.5"));
      String cycleId = f.start(spec, Mode.FULL);
      CycleStatus held = awaitHeld(f, cycleId);
      assertEquals(CycleState.AWAITING_APPROVAL, held.state());
      assertEquals(3, held.pendingApproval());
      assertEquals(4, held.repaired(), "low severities repair without approval");

      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.APPROVE,
          Map.of("approver", "mallory", "requestId", "r1"));
      Decision refused = decision(f, cycleId, "r1").orElseThrow();
      assertTrue(refused.refusal().contains("mallory"), refused.toString());

      String firstPending =
          f.rows(
                  "select min(id) from recon.discrepancy where cycle_id = '"
                      + cycleId
                      + "' and status = 'PENDING_APPROVAL'")
              .get(0)
              .get(0);
      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.APPROVE,
          Map.of(
              "approver",
              "alice",
              "reason",
              "checked",
              "ids",
              List.of(firstPending),
              "requestId",
              "r2"));
      assertEquals(1, decision(f, cycleId, "r2").orElseThrow().applied());
      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.REJECT,
          Map.of("approver", "alice", "reason", "source is wrong", "requestId", "r3"));
      assertEquals(2, decision(f, cycleId, "r3").orElseThrow().applied());

      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(5, result.repairs().repaired());
      assertEquals(2, result.repairs().rejected());
      assertEquals(0, result.repairs().unresolved());
      assertEquals(
          List.of(List.of("kept-11")),
          List.of(
              List.of(
                  f.collection("ledger").find(new Document("_id", 11)).first().getString("owner"))),
          "fields the spec does not map are preserved");
      Set<String> actions = auditActions(f, cycleId);
      for (String a :
          List.of(
              "cycle.started",
              "range.compared",
              "discrepancy.found",
              "repair.routed",
              "approval.requested",
              "repair.applied",
              "approval.refused",
              "approval.granted",
              "approval.rejected",
              "repair.verified",
              "cycle.finished")) {
        assertTrue(actions.contains(a), a + " missing from the audit: " + actions);
      }
      assertTrue(
          new AuditVerifier(DSL.using(f.worker.resources().store(), SQLDialect.POSTGRES))
              .verify(Optional.of("ledger"))
              .intact());
    }
  }

  @Test
  void heldRepairsExpireAfterTheTimeoutAndAreEscalatedToTheOwner() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      String cycleId = f.start(f.spec(SPEC.formatted("3s", "0.5")), Mode.FULL);
      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(3, result.repairs().expired());
      assertEquals(4, result.repairs().repaired());
      List<List<String>> expired =
          f.rows(
              "select detail from recon.audit_event where cycle_id = '"
                  + cycleId
                  + "' and action = 'approval.expired'");
      assertEquals(1, expired.size(), expired.toString());
      assertTrue(expired.get(0).get(0).contains("finance-team"), expired.toString());
    }
  }

  @Test
  void aTrippedGateRepairsNothingAutomatically() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      String cycleId = f.start(f.spec(SPEC.formatted("1h", "0.01")), Mode.FULL);
      CycleStatus held = awaitHeld(f, cycleId);
      assertEquals(CycleState.GATED, held.state());
      assertTrue(held.gate().tripped());
      assertEquals(0, held.repaired());
      assertEquals(7, held.pendingApproval());
      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.REJECT,
          Map.of("approver", "alice", "reason", "pipeline broken", "requestId", "g1"));
      CycleResult result = f.await(cycleId);
      assertEquals(7, result.repairs().rejected());
      assertEquals(0, result.repairs().repaired());
      assertTrue(auditActions(f, cycleId).contains("gate.tripped"));
    }
  }
}
