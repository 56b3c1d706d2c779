package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.store.CycleAbandoner;
import io.recon.workflows.activities.RouteRequest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Repairs and the end of a cycle: a cancelled repair stops between batches, and repair rows that a
 * lost cycle left APPLYING are settled against the target once it is ABANDONED.
 */
class ApplyingRepairsIT {

  /** A repair pass killed after its bulk write: its two rows stay APPLYING, the writes landed. */
  private static RepairFixture crashedAfterWrite(AuditCipher cipher) {
    var crash = new AtomicBoolean(true);
    var f =
        new RepairFixture(
            cipher,
            2,
            () -> {
              if (crash.getAndSet(false)) {
                throw new IllegalStateException("killed after the bulk write");
              }
            });
    var spec = f.spec();
    f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
    assertThrows(RuntimeException.class, () -> f.repair.repair(f.ref(spec, "c1")));
    assertEquals(2, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
    return f;
  }

  @Test
  void aCancelledRepairStopsAtItsHeartbeatBetweenBatchesAndLeavesNoBatchHalfWritten() {
    var env = new AtomicReference<RepairFixture>();
    var first = new AtomicBoolean(true);
    try (var f =
        new RepairFixture(
            null,
            2,
            () -> {
              // The cancel arrives while the first batch is being written.
              if (first.getAndSet(false)) {
                env.get().env.requestCancelActivity();
              }
            })) {
      env.set(f);
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));

      assertThrows(RuntimeException.class, () -> f.repair.repair(f.ref(spec, "c1")));

      // The first batch is recorded whole; nothing of the next one was written or even planned.
      assertEquals(0, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
      assertEquals(2, f.count("select count(*) from recon.repair where status = 'APPLIED'"));
      assertEquals(2, f.impl.mongoWrites());
      assertEquals(1, f.count("select count(*) from recon.discrepancy where status = 'APPROVED'"));
    }
  }

  @Test
  void anAbandonedCycleSettlesRowsWhoseWritesLandedAsAppliedAndTheOthersAsFailed() {
    try (var f = crashedAfterWrite(null)) {
      long landed =
          f.count("select min(discrepancy_id) from recon.repair where status = 'APPLYING'");
      long undone =
          f.count("select max(discrepancy_id) from recon.repair where status = 'APPLYING'");
      String undoneKey =
          (String)
              f.db.fetchValue(
                  "select key_filter from recon.repair where discrepancy_id = ?", undone);
      // Put the second document back as it was compared: that write never reached the target.
      Object beforeImage =
          f.db.fetchValue("select before_image from recon.repair where discrepancy_id = ?", undone);
      Document before = beforeImage == null ? null : Document.parse(beforeImage.toString());
      var key = org.bson.BsonDocument.parse(undoneKey);
      if (before == null) {
        f.docs().deleteOne(key);
      } else {
        f.docs().replaceOne(key, before);
      }

      boolean closed = new CycleAbandoner(f.store, f.mongo, null).abandon("c1", "gone", "tester");

      assertTrue(closed);
      assertEquals("ABANDONED", f.db.fetchValue("select status from recon.cycle").toString());
      // Its totals come from the ranges it finished (keys 1-5 and the orphan 100).
      assertEquals(
          "1/1 compared 6 missing 1",
          f.db
              .fetchValue(
                  "select ranges_done || '/' || ranges_total || ' compared ' || compared"
                      + " || ' missing ' || missing from recon.cycle")
              .toString());
      assertEquals("APPLIED", repairStatus(f, landed));
      assertEquals("REPAIRED", discrepancyStatus(f, landed));
      assertEquals("FAILED", repairStatus(f, undone));
      assertEquals("FAILED", discrepancyStatus(f, undone));
      assertEquals(
          ApplyingRepairs.NOT_APPLIED,
          f.db.fetchValue("select error from recon.repair where discrepancy_id = ?", undone));
      assertTrue(f.actions("c1").contains("cycle.abandoned"), f.actions("c1").toString());
      assertEquals(0, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
      // A second abandon, or a sweep, finds nothing left to do.
      assertEquals(false, new CycleAbandoner(f.store, f.mongo, null).abandon("c1", "x", "t"));
      var swept = new CycleAbandoner(f.store, f.mongo, null).sweep(id -> Optional.of("x"), "t");
      assertEquals(0, swept.abandoned().size());
      assertEquals(0, swept.repairs().total());
    }
  }

  @Test
  void encryptedAfterImagesWaitForTheKeyAndAreSettledWithIt() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    var cipher = new AuditCipher(key);
    try (var f = crashedAfterWrite(cipher)) {
      new CycleAbandoner(f.store, f.mongo, null).abandon("c1", "gone", "tester");
      // Without the key the after-images cannot be read: the rows are left, not guessed.
      var withoutKey =
          new CycleAbandoner(f.store, f.mongo, null).sweep(id -> Optional.empty(), "t");
      assertEquals(2, withoutKey.repairs().undecided());
      assertEquals(2, f.count("select count(*) from recon.repair where status = 'APPLYING'"));

      var withKey = new CycleAbandoner(f.store, f.mongo, cipher).sweep(id -> Optional.empty(), "t");

      assertEquals(2, withKey.repairs().applied());
      assertEquals(0, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
    }
  }

  @Test
  void theSweepLeavesCyclesWhoseWorkflowRunsAlone() {
    try (var f = crashedAfterWrite(null)) {
      var swept = new CycleAbandoner(f.store, f.mongo, null).sweep(id -> Optional.empty(), "t");

      assertEquals(0, swept.abandoned().size());
      assertEquals("RUNNING", f.db.fetchValue("select status from recon.cycle").toString());
      // Its APPLYING rows belong to its own repair activity, which settles them on retry.
      assertEquals(2, f.count("select count(*) from recon.repair where status = 'APPLYING'"));
    }
  }

  private static String repairStatus(RepairFixture f, long discrepancyId) {
    return f.db
        .fetchValue("select status from recon.repair where discrepancy_id = ?", discrepancyId)
        .toString();
  }

  private static String discrepancyStatus(RepairFixture f, long discrepancyId) {
    return f.db
        .fetchValue("select status from recon.discrepancy where id = ?", discrepancyId)
        .toString();
  }
}
