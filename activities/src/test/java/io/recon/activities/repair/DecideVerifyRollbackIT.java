package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.recon.activities.audit.AuditVerifier;
import io.recon.core.spec.AuditKeys;
import io.recon.core.spec.OrphanAction;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.PendingItems;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecideVerifyRollbackIT {

  /** Only LOW is automatic: the score mismatch (3) and the orphan delete (100) wait. */
  private static io.recon.core.spec.JobSpec held(RepairFixture f) {
    return f.spec(List.of(Severity.LOW), OrphanAction.DELETE, 1.0, 1000, AuditKeys.PLAIN);
  }

  private static DecideRequest decide(
      io.recon.core.spec.JobSpec spec, String action, List<String> ids, String requestId) {
    return new DecideRequest(spec, "c1", action, "alice", "checked", ids, requestId, null);
  }

  @Test
  void approveAllApprovesEveryPendingDiscrepancy() {
    try (var f = new RepairFixture()) {
      var spec = held(f);
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      DecideResult r = f.repair.decide(decide(spec, "approve", List.of(), "r1"));
      assertEquals(2, r.applied());
      assertEquals(0, r.stillPending());
      assertEquals("APPROVED", f.status("c1", 3));
      assertEquals("APPROVED", f.status("c1", 100));
      assertTrue(f.actions("c1").contains("approval.granted"));
    }
  }

  @Test
  void approveSomeRejectOthersAndNameThoseNotPending() {
    try (var f = new RepairFixture()) {
      var spec = held(f);
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      String three = "" + f.discrepancyId("c1", 3);
      String orphan = "" + f.discrepancyId("c1", 100);
      String approved = "" + f.discrepancyId("c1", 2);
      DecideResult a =
          f.repair.decide(decide(spec, "approve", List.of(three, approved, "999999"), "r1"));
      assertEquals(1, a.applied());
      assertEquals(List.of(approved, "999999"), a.notPending());
      assertEquals(1, a.stillPending());
      DecideResult b = f.repair.decide(decide(spec, "reject", List.of(orphan), "r2"));
      assertEquals(new DecideResult(1, List.of(), 0), b);
      assertEquals("REJECTED", f.status("c1", 100));
      assertTrue(f.actions("c1").contains("approval.refused"));
      assertTrue(f.actions("c1").contains("approval.rejected"));
      // The same request again changes nothing and returns what it did the first time; the
      // pending items it carries for status are read now (nothing is left after the reject).
      long events = f.count("select count(*) from recon.audit_event");
      DecideResult again =
          f.repair.decide(decide(spec, "approve", List.of(three, approved, "999999"), "r1"));
      assertEquals(
          new DecideResult(a.applied(), a.notPending(), a.stillPending(), PendingItems.NONE),
          again);
      assertEquals(1, a.pending().total(), "the first answer listed what was pending then");
      assertEquals(orphan, a.pending().items().get(0).id());
      assertEquals(events, f.count("select count(*) from recon.audit_event"));
    }
  }

  @Test
  void aRefusedSignalIsOnlyAudited() {
    try (var f = new RepairFixture()) {
      var spec = held(f);
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      var refused =
          new DecideRequest(
              spec, "c1", "approve", "mallory", null, List.of(), "r9", "not an approver");
      DecideResult r = f.repair.decide(refused);
      assertEquals(0, r.applied());
      assertEquals(2, r.stillPending());
      assertEquals(
          "not an approver",
          f.db.fetchValue(
              "select reason from recon.audit_event where action = 'approval.refused'"
                  + " and actor = 'mallory'"));
    }
  }

  @Test
  void expireMarksPendingExpiredAndEscalatesToTheOwner() {
    try (var f = new RepairFixture()) {
      var spec = held(f);
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertEquals(2, f.repair.expire(f.ref(spec, "c1")));
      assertEquals("EXPIRED", f.status("c1", 3));
      String detail =
          (String)
              f.db.fetchValue(
                  "select detail from recon.audit_event where action = 'approval.expired'");
      assertTrue(detail.contains("\"escalatedTo\":\"owner@example.com\""), detail);
      assertEquals(0, f.repair.expire(f.ref(spec, "c1")));
    }
  }

  @Test
  void verifyMarksUnresolvedWhenTheTargetChangesAfterRepair() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      f.repair.repair(f.ref(spec, "c1"));
      f.docs().updateOne(Filters.eq("_id", 2L), Updates.set("email", "drifted@x"));
      var v = f.repair.verify(f.ref(spec, "c1"));
      assertEquals(2, v.verified());
      assertEquals(1, v.unresolved());
      assertEquals("UNRESOLVED", f.status("c1", 2));
      assertTrue(f.actions("c1").contains("repair.unresolved"));
    }
  }

  @Test
  void rollbackRestoresBeforeImagesAndSkipsADocumentChangedSinceTheRepair() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      f.repair.decide(decide(spec, "approve", List.of(), "r1"));
      assertEquals(4, f.repair.repair(f.ref(spec, "c1")).applied());
      f.docs().updateOne(Filters.eq("_id", 3L), Updates.set("stats.score", 42));
      var result = new RollbackService(f.store, f.mongo, null).rollback("c1", List.of(), "ops");
      assertEquals(3, result.rolledBack());
      assertEquals(1, result.skipped());
      assertEquals("B-old@x", f.find(2).getString("email"));
      assertEquals("keep", f.find(2).getString("note"));
      assertEquals(42, f.find(3).get("stats", org.bson.Document.class).get("score"));
      assertNull(f.find(4));
      assertEquals("o@x", f.find(100).getString("email"));
      assertEquals(3, f.count("select count(*) from recon.repair where status = 'ROLLED_BACK'"));
      assertTrue(f.actions("c1").contains("repair.rolled_back"));
      assertTrue(f.actions("c1").contains("rollback.skipped"));
      assertTrue(new AuditVerifier(f.db).verify(Optional.empty()).intact());
    }
  }

  @Test
  void theAuditChainStaysIntactThroughAFullCycle() {
    try (var f = new RepairFixture()) {
      var spec = held(f);
      long compared = f.detect(spec, "c1");
      var routed = f.repair.route(new RouteRequest(spec, "c1", compared));
      f.repair.repair(f.ref(spec, "c1"));
      f.repair.decide(decide(spec, "approve", List.of(), "r1"));
      f.repair.repair(f.ref(spec, "c1"));
      f.repair.verify(f.ref(spec, "c1"));
      f.cycles.closeCycle(
          new CloseCycle(
              "c1",
              spec.name(),
              spec.canonicalHash(),
              CycleState.COMPLETED,
              1,
              1,
              null,
              routed.gate(),
              null,
              null,
              null));
      assertTrue(new AuditVerifier(f.db).verify(Optional.empty()).intact());
      var actions = f.actions("c1");
      for (String a :
          List.of(
              "cycle.started",
              "range.compared",
              "discrepancy.found",
              "repair.routed",
              "approval.requested",
              "approval.granted",
              "repair.applied",
              "repair.verified",
              "cycle.finished")) {
        assertTrue(actions.contains(a), a + " in " + actions);
      }
      assertEquals(
          f.count("select max(seq) from recon.audit_event"),
          f.count("select audit_seq from recon.cycle where cycle_id = 'c1'"));
    }
  }

  @Test
  void beforeImagesAreEncryptedWithACipherAndRollbackStillWorks() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    var cipher =
        AuditCipher.fromEnv(Map.of(AuditCipher.ENV, Base64.getEncoder().encodeToString(key)));
    try (var f = new RepairFixture(cipher, RepairActivitiesImpl.BATCH, () -> {})) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      f.repair.repair(f.ref(spec, "c1"));
      String before =
          (String)
              f.db.fetchValue(
                  "select before_image from recon.repair where discrepancy_id = ?",
                  f.discrepancyId("c1", 2));
      assertFalse(before.contains("B-old@x"));
      assertEquals(
          3,
          f.count("select count(*) from recon.repair where before_encrypted or action = 'INSERT'"));
      var result = new RollbackService(f.store, f.mongo, cipher).rollback("c1", List.of(), "ops");
      assertEquals(3, result.rolledBack());
      assertEquals("B-old@x", f.find(2).getString("email"));
    }
  }
}
