package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import io.recon.core.compare.Discrepancy;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Keys of every shape through real cycles (issue 12): a NULL key on either side is an INVALID_KEY,
 * a key of another BSON type is an ORPHAN naming the type, numerically equal keys of different
 * numeric types are one key, and no repair inserts a document MongoDB would hold as the same key.
 */
class KeyShapesCycleIT {
  private static final String SPEC =
      """
      name: keys
      owner: ops
      approvers: [alice]
      source: { table: items, key: [id] }
      target: { database: ${db}, collection: items, key: [_id] }
      fields:
        - { source: name, target: name, type: string }
      partitions: %d
      parallelism: 2
      settle: 0s
      repair: { auto: [%s], approvalTimeout: 1h, maxDivergenceRatio: 1 }
      """;

  @Test
  void nullKeysAndKeysOfAnotherTypeAreReportedAndMixedNumericKeysAreOneKey() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint, name text)",
          "insert into items values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'),"
              + " (null, 'x'), (null, 'y')");
      f.collection("items")
          .insertMany(
              List.of(
                  new Document("_id", 1).append("name", "a"),
                  new Document("_id", 2.0).append("name", "b"),
                  new Document("_id", 3L).append("name", "c"),
                  new Document("_id", Decimal128.parse("5")).append("name", "e"),
                  new Document("_id", "4").append("name", "d"),
                  new Document("_id", "1").append("name", "a"),
                  new Document("_id", 1.5).append("name", "z"),
                  new Document("_id", null).append("name", "n")));
      JobSpec spec = f.spec(SPEC.formatted(2, "low, medium, high"));
      String cycleId = f.start(spec, Mode.FULL);
      CycleResult result = f.await(cycleId);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(
          Map.of(
              "{\"id\":4}", "MISSING REPAIRED",
              "{\"id\":\"4\"}", "ORPHAN REPORTED",
              "{\"id\":\"1\"}", "ORPHAN REPORTED",
              "{\"id\":1.5}", "ORPHAN REPORTED",
              "{\"id\":\"NULL\"}", "INVALID_KEY REPORTED",
              "{\"id\":null}", "INVALID_KEY REPORTED"),
          column(f, cycleId, "kind || ' ' || status"));
      Map<String, String> detail = column(f, cycleId, "coalesce(detail, '')");
      assertEquals(
          "INVALID_KEY: 2 source rows have NULL in key column id; such a record matches nothing"
              + " and is never repaired",
          detail.get("{\"id\":\"NULL\"}"));
      assertEquals(
          "INVALID_KEY: 1 target document has key _id null (_id null); such a record matches"
              + " nothing and is never repaired",
          detail.get("{\"id\":null}"));
      assertEquals(
          Discrepancy.FOREIGN_TYPE + "_id is a string \"4\" where the key is INTEGER",
          detail.get("{\"id\":\"4\"}"));
      assertEquals(
          Discrepancy.FOREIGN_TYPE + "_id is the double 1.5, no valid INTEGER key part",
          detail.get("{\"id\":1.5}"));
      assertEquals(2, result.counts().persistent().invalidKey(), result.message());
      assertEquals(3, result.counts().persistent().orphan(), result.message());
      assertEquals(1, result.counts().persistent().missing(), result.message());
      assertEquals(6, result.counts().discrepancies(), result.message());
      assertTrue(result.message().contains("2 invalid key"), result.message());
      // Settled at recheck like every other discrepancy, and audited as found.
      assertEquals(
          "6",
          f.rows(
                  "select count(*) from recon.audit_event where action = 'discrepancy.found'"
                      + " and cycle_id = '"
                      + cycleId
                      + "'")
              .get(0)
              .get(0));
      // 4 was inserted as the integer 4, beside the string "4" MongoDB holds to be another key;
      // nothing else was written: the foreign documents and the null _id are still there.
      assertEquals(9, f.collection("items").countDocuments());
      assertEquals(1, f.collection("items").countDocuments(Filters.eq("_id", 4L)));
      assertEquals(1, f.collection("items").countDocuments(Filters.eq("_id", "4")));
      assertEquals(1, f.collection("items").countDocuments(Filters.eq("_id", 1.5)));
    }
  }

  @Test
  void aMissingKeyThatArrivesAsAnotherNumericTypeBeforeTheRepairIsNeverInsertedBesideIt()
      throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint primary key, name text)",
          "insert into items values (1, 'a'), (2, 'b')");
      f.collection("items").insertOne(new Document("_id", 1L).append("name", "a"));
      JobSpec spec = f.spec(SPEC.formatted(1, ""));
      String cycleId = f.start(spec, Mode.FULL);
      awaitHeld(f, cycleId);
      // The document of key 2 appears as a double while the MISSING repair waits for approval.
      f.collection("items").insertOne(new Document("_id", 2.0).append("name", "b"));
      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.APPROVE,
          Map.of("approver", "alice", "reason", "insert it", "requestId", "a1"));
      CycleResult result = f.await(cycleId);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(0, result.repairs().repaired(), result.message());
      assertEquals(1, result.repairs().skippedConcurrentChange(), result.message());
      // One document of key 2, the double: MongoDB holds 2 and 2.0 to be one _id.
      assertEquals(2, f.collection("items").countDocuments());
      Document two = f.collection("items").find(Filters.eq("_id", 2L)).first();
      assertEquals(Double.class, two.get("_id").getClass());
    }
  }

  @Test
  void mongoRefusesAnInsertOfANumericallyEqualIdOfAnotherType() {
    // What the repair relies on should a document arrive between its read and its write: the
    // unique _id index holds 2 and 2.0 equal, so the insert fails (a FAILED repair), never doubles.
    try (CycleFixture f = new CycleFixture()) {
      f.collection("items").insertOne(new Document("_id", 2.0));
      var e =
          org.junit.jupiter.api.Assertions.assertThrows(
              com.mongodb.MongoWriteException.class,
              () -> f.collection("items").insertOne(new Document("_id", 2L)));
      assertEquals(11000, e.getCode());
      assertEquals(1, f.collection("items").countDocuments());
    }
  }

  private static CycleStatus awaitHeld(CycleFixture f, String cycleId) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        CycleStatus s = f.cycles.queryStatus(cycleId);
        if (s.state() == CycleState.AWAITING_APPROVAL) {
          return s;
        }
      } catch (RuntimeException notYet) {
        // the first workflow task may not have run
      }
      Thread.sleep(100);
    }
    throw new AssertionError("cycle never held repairs for approval");
  }

  private static Map<String, String> column(CycleFixture f, String cycleId, String expression) {
    var map = new TreeMap<String, String>();
    for (List<String> row :
        f.rows(
            "select key_json, "
                + expression
                + " from recon.discrepancy where cycle_id = '"
                + cycleId
                + "'")) {
      map.put(row.get(0), row.get(1));
    }
    return map;
  }
}
