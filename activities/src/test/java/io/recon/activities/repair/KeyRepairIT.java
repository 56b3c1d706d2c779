package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Repair against keys of another shape (issue 12): it never inserts a document beside one MongoDB
 * holds to be the same key, and it never writes a document addressed by a key of another type.
 */
class KeyRepairIT {
  @Test
  void aNumericallyEqualIdWrittenBeforeTheInsertFailsTheRepairAndIsNeverDoubled() {
    try (var f = new RepairFixture()) {
      var spec = f.spec();
      f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertEquals("APPROVED", f.status("c1", 4));
      // Someone writes key 4 as a double between the repair's read and its insert of NumberLong(4).
      f.beforeWrites =
          () -> {
            if (f.docs().countDocuments(Filters.eq("_id", 4.0)) == 0) {
              f.docs().insertOne(new Document("_id", 4.0).append("email", "elsewhere@x"));
            }
          };
      RepairOutcome out = f.repair.repair(f.ref(spec, "c1"));
      assertEquals(1, out.failed(), out.toString());
      assertEquals("FAILED", f.status("c1", 4));
      String error =
          (String)
              f.db.fetchValue(
                  "select error from recon.repair where status = 'FAILED' and discrepancy_id = ?",
                  f.discrepancyId("c1", 4));
      assertTrue(error.startsWith("E11000"), error);
      assertEquals(1, f.docs().countDocuments(Filters.eq("_id", 4L)));
      assertEquals("elsewhere@x", f.find(4).getString("email"));
      // A second pass is a no-op, not a loop.
      assertEquals(RepairOutcome.NONE, f.repair.repair(f.ref(spec, "c1")));
    }
  }

  @Test
  void anOrphanOfAnotherKeyTypeIsReportedEvenWhenOrphansAreDeleted() {
    try (var f = new RepairFixture()) {
      f.docs().insertOne(new Document("_id", "5").append("email", "e@x"));
      f.docs().insertOne(new Document("_id", null).append("email", "n@x"));
      var spec = f.spec();
      RouteResult r = f.repair.route(new RouteRequest(spec, "c1", f.detect(spec, "c1")));
      assertEquals(2, r.reported(), r.toString());
      assertEquals(
          "ORPHAN REPORTED",
          f.db.fetchValue(
              "select kind || ' ' || status from recon.discrepancy where key_json = ?",
              "{\"id\":\"5\"}"));
      assertEquals(
          "INVALID_KEY REPORTED",
          f.db.fetchValue(
              "select kind || ' ' || status from recon.discrepancy where key_json = ?",
              "{\"id\":null}"));
      assertEquals("PENDING_APPROVAL", f.status("c1", 100));
      f.repair.repair(f.ref(spec, "c1"));
      assertEquals(1, f.docs().countDocuments(Filters.eq("_id", "5")));
      assertEquals(1, f.docs().countDocuments(Filters.eq("_id", null)));
    }
  }
}
