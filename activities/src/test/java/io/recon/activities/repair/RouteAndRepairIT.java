package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.recon.activities.audit.AuditVerifier;
import io.recon.activities.sides.BothSides;
import io.recon.core.spec.AuditKeys;
import io.recon.core.spec.OrphanAction;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.temporal.failure.ActivityFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class RouteAndRepairIT {

  @Test
  void routeApprovesAutoSeveritiesHoldsTheRestAndReportsOrphans() {
    try (var f = new RepairFixture()) {
      var spec = f.spec(List.of(Severity.LOW), OrphanAction.REPORT, 1.0, 1000, AuditKeys.PLAIN);
      long compared = f.detect(spec, "c1");
      RouteResult r = f.repair.route(new RouteRequest(spec, "c1", compared));
      assertFalse(r.gate().tripped());
      assertEquals(2, r.approved()); // the LOW email mismatch and the LOW missing document
      assertEquals(1, r.pendingApproval()); // the HIGH score mismatch
      assertEquals(1, r.reported());
      assertEquals("APPROVED", f.status("c1", 2));
      assertEquals("PENDING_APPROVAL", f.status("c1", 3));
      assertEquals("APPROVED", f.status("c1", 4));
      assertEquals("REPORTED", f.status("c1", 100));
      // A retry routes nothing again and audits nothing twice.
      long events = f.count("select count(*) from recon.audit_event");
      assertEquals(r, f.repair.route(new RouteRequest(spec, "c1", compared)));
      assertEquals(events, f.count("select count(*) from recon.audit_event"));
    }
  }

  @Test
  void orphanDeletesAlwaysWaitForApproval() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertEquals("PENDING_APPROVAL", f.status("c1", 100));
      assertEquals("APPROVED", f.status("c1", 3));
    }
  }

  @Test
  void aTrippedGateApprovesNothingAndStoresTheRatio() {
    try (var f = new RepairFixture()) {
      var spec = f.spec(List.of(Severity.LOW), OrphanAction.REPORT, 0.1, 1, AuditKeys.PLAIN);
      long compared = f.detect(spec, "c1");
      RouteResult r = f.repair.route(new RouteRequest(spec, "c1", compared));
      assertTrue(r.gate().tripped());
      assertEquals(0, r.approved());
      assertEquals(3, r.pendingApproval());
      assertEquals(1, r.reported());
      assertEquals(3, r.gate().repairs());
      assertEquals(4.0 / compared, r.gate().ratio(), 1e-9);
      assertEquals(
          4.0 / compared,
          f.db.fetchValue("select gate_ratio from recon.cycle where cycle_id = 'c1'"));
      assertEquals(
          0.1, f.db.fetchValue("select gate_threshold from recon.cycle where cycle_id = 'c1'"));
      assertTrue(f.actions("c1").contains("gate.tripped"));
      assertTrue(f.actions("c1").contains("approval.requested"));
      assertEquals(RepairOutcome.NONE, f.repair.repair(f.ref(spec, "c1")));
    }
  }

  @Test
  void repairWritesOnlyMappedFieldsInsertsTheMappedShapeAndDeletesAnApprovedOrphan() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      long orphan = f.discrepancyId("c1", 100);
      f.repair.decide(
          new DecideRequest(
              spec, "c1", "approve", "alice", "stale copy", List.of("" + orphan), "r1", null));
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(new RepairOutcome(4, 0, 0), out);
      var two = f.find(2);
      assertEquals("b@x", two.getString("email"));
      assertEquals("keep", two.getString("note"));
      var four = f.find(4);
      assertEquals("d@x", four.getString("email"));
      assertEquals(
          new BigDecimal("4.00"),
          ((Decimal128) four.get("stats", org.bson.Document.class).get("score")).bigDecimalValue());
      assertEquals(
          new BigDecimal("3.00"),
          ((Decimal128) f.find(3).get("stats", org.bson.Document.class).get("score"))
              .bigDecimalValue());
      assertNull(f.find(100));
      assertEquals("REPAIRED", f.status("c1", 2));
      assertEquals(4, f.impl.mongoWrites());
      var verified = f.repair.verify(f.ref(spec, "c1"));
      assertEquals(4, verified.verified());
      assertEquals(0, verified.unresolved());
      assertEquals(
          4,
          f.count(
              "select count(*) from recon.repair where verified_at is not null"
                  + " and remediation_millis >= 0"));
    }
  }

  @Test
  void aBatchSkipsTheRecordsWhoseSourceMovedSinceComparisonAndAppliesTheRest() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      // Between comparison and repair, one batch's source moves three ways: key 2 now agrees with
      // its document, key 4 (MISSING) is deleted, key 3 changes to yet another value.
      f.sql(
          "update customers set email = 'B-old@x' where id = 2",
          "delete from customers where id = 4",
          "update customers set score = 33 where id = 3");

      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));

      assertEquals(new RepairOutcome(1, 2, 0), out);
      assertEquals(1, f.impl.mongoWrites());
      // The repair writes the source as it is now, re-read, never the copy that was compared.
      assertEquals(
          new BigDecimal("33.00"),
          ((Decimal128) f.find(3).get("stats", org.bson.Document.class).get("score"))
              .bigDecimalValue());
      assertEquals("REPAIRED", f.status("c1", 3));
      assertEquals("B-old@x", f.find(2).getString("email"));
      assertNull(f.find(4));
      assertEquals("SKIPPED_CONCURRENT_CHANGE", f.status("c1", 2));
      assertEquals("SKIPPED_CONCURRENT_CHANGE", f.status("c1", 4));
      assertTrue(repairError(f, 2).contains("now agrees with the target"), repairError(f, 2));
      assertTrue(repairError(f, 4).contains("source row is gone"), repairError(f, 4));
    }
  }

  @Test
  void theAfterHashOfEachAppliedRepairIsTheHashOfTheDocumentItLeft() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      f.repair.decide(
          new DecideRequest(
              spec,
              "c1",
              "approve",
              "alice",
              "stale copy",
              List.of("" + f.discrepancyId("c1", 100)),
              "r1",
              null));
      assertEquals(4, f.repair.repair(f.ref(spec, "c1")).applied());

      // Computed from the write when every guard matched, not read back: it must be exactly the
      // hash the document has now (an update of a top-level and of a nested path, an insert, and
      // a delete, which leaves none).
      var target = BothSides.open(f.source, f.mongo, spec, false).target();
      var rows =
          f.db.fetch(
              "select key_filter, action, target_hash_after from recon.repair"
                  + " where status = 'APPLIED' order by discrepancy_id");
      assertEquals(4, rows.size());
      for (var r : rows) {
        var doc = f.docs().find(BsonDocument.parse(r.get(0, String.class))).first();
        String now = doc == null ? null : target.canonicalAsCompared(doc).hashHex();
        assertEquals(now, r.get(2, String.class), r.get(1, String.class));
      }
    }
  }

  private static String repairError(RepairFixture f, long id) {
    return (String)
        f.db.fetchValue(
            "select error from recon.repair where discrepancy_id = ?", f.discrepancyId("c1", id));
  }

  @Test
  void repairSkipsDocumentChangedSinceComparison() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      f.docs().updateOne(Filters.eq("_id", 2L), Updates.set("email", "concurrent@x"));
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(1, out.skippedConcurrentChange());
      assertEquals(2, out.applied());
      assertEquals("concurrent@x", f.find(2).getString("email"));
      assertEquals("SKIPPED_CONCURRENT_CHANGE", f.status("c1", 2));
      assertTrue(f.actions("c1").contains("repair.skipped"));
    }
  }

  @Test
  void aRepairKilledAfterItsBulkWriteAndRetriedAppliesEveryRepairExactlyOnce() {
    var crash = new AtomicBoolean(true);
    try (var f =
        new RepairFixture(
            null,
            2,
            () -> {
              if (crash.getAndSet(false)) {
                throw new IllegalStateException("killed after the bulk write");
              }
            })) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertThrows(ActivityFailure.class, () -> f.repair.repair(f.ref(spec, "c1")));
      assertEquals(2, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(3, out.applied());
      assertEquals(3, f.writesPerKey.size());
      f.writesPerKey.forEach((k, n) -> assertEquals(1, n.get(), k));
      assertEquals(3, f.impl.mongoWrites());
      assertEquals(3, f.count("select count(*) from recon.repair"));
      assertEquals(3, f.count("select count(*) from recon.repair where status = 'APPLIED'"));
      assertEquals(
          3,
          f.count(
              "select count(distinct discrepancy_id) from recon.repair where status = 'APPLIED'"));
      assertEquals("b@x", f.find(2).getString("email"));
      assertEquals("d@x", f.find(4).getString("email"));
    }
  }

  @Test
  void aFailedDocumentInABulkBatchFailsOnlyItself() {
    try (var f = new RepairFixture()) {
      f.docs().createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
      f.sql("insert into customers values (6, 'a@x', 6)"); // its insert collides on email
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(1, out.failed());
      assertEquals(3, out.applied());
      assertEquals("FAILED", f.status("c1", 6));
      assertEquals("d@x", f.find(4).getString("email"));
      String error =
          (String)
              f.db.fetchValue(
                  "select error from recon.repair where status = 'FAILED' and discrepancy_id = ?",
                  f.discrepancyId("c1", 6));
      assertTrue(error.contains("11000"), error);
      assertTrue(f.actions("c1").contains("repair.failed"));
    }
  }

  @Test
  void manyBatchesApplyEachRepairOnceSkipAConcurrentChangeAndAuditInOrder() {
    // Batches of 2 over 23 approved repairs: twelve batches, each read, written and recorded in
    // turn.
    try (var f = new RepairFixture(null, 2, () -> {})) {
      for (long id = 10; id < 30; id++) {
        f.sql("insert into customers values (" + id + ", 'k" + id + "@x', " + id + ")");
        f.docs().insertOne(RepairFixture.doc(id, "stale@x", id + ".00"));
      }
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      long approved =
          f.count(
              "select count(*) from recon.discrepancy where cycle_id = 'c1' and status = ?",
              "APPROVED");
      assertEquals(23, approved);
      // Key 10 is in the second batch (after keys 2, 3 and 4): the application changes its
      // document while the first batch is written, and the repair must leave it as it is.
      var once = new AtomicBoolean(true);
      f.beforeWrites =
          () -> {
            if (once.getAndSet(false)) {
              f.docs().updateOne(Filters.eq("_id", 10L), Updates.set("email", "concurrent@x"));
            }
          };
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(22, out.applied());
      assertEquals(1, out.skippedConcurrentChange());
      assertEquals("concurrent@x", f.find(10).getString("email"));
      assertEquals("SKIPPED_CONCURRENT_CHANGE", f.status("c1", 10));
      for (long id = 11; id < 30; id++) {
        assertEquals("k" + id + "@x", f.find(id).getString("email"));
        assertEquals("REPAIRED", f.status("c1", id));
      }
      f.writesPerKey.forEach((k, n) -> assertEquals(1, n.get(), k));
      assertEquals(0, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
      assertEquals(23, f.count("select count(distinct discrepancy_id) from recon.repair"));
      assertEquals(22, f.count("select count(*) from recon.repair where status = 'APPLIED'"));
      // The batches are recorded in order: the outcome events follow the discrepancies' ids.
      List<Long> subjects =
          f
              .db
              .fetch(
                  "select subject from recon.audit_event where cycle_id = 'c1'"
                      + " and action in ('repair.applied', 'repair.skipped') order by seq")
              .getValues(0, String.class)
              .stream()
              .map(Long::valueOf)
              .toList();
      assertEquals(23, subjects.size());
      assertEquals(subjects.stream().sorted().toList(), subjects);
      assertTrue(new AuditVerifier(f.db).verify(Optional.empty()).intact());
    }
  }

  @Test
  void reRunningRepairIsANoOp() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertEquals(3, f.repair.repair(f.ref(spec, "c1")).applied());
      assertEquals(RepairOutcome.NONE, f.repair.repair(f.ref(spec, "c1")));
      // Even a discrepancy put back to APPROVED finds its applied repair by idempotency key.
      f.db.execute("update recon.discrepancy set status = 'APPROVED' where status = 'REPAIRED'");
      f.repair.repair(f.ref(spec, "c1"));
      assertEquals(3, f.impl.mongoWrites());
      assertEquals(3, f.count("select count(*) from recon.repair"));
      assertEquals(3, f.count("select count(*) from recon.discrepancy where status = 'REPAIRED'"));
    }
  }
}
