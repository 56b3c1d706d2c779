package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * One cycle over every hostile input the issue names. Each becomes a discrepancy or a FAILED repair
 * with its reason, and the cycle completes; {@link CycleFixture#await} bounds the wait.
 */
class HostileDataCycleIT {
  private static final String SPEC =
      """
      name: hostile
      owner: ops
      approvers: [alice]
      source:
        query: select * from items union all select * from items where id = 9
        key: [id]
      target: { database: ${db}, collection: items, key: [_id] }
      fields:
        - { source: n, target: n, type: decimal, scale: 2 }
        - { source: d, target: d, type: date }
        - { source: t, target: t, type: string }
        - { source: j, target: j, type: json }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [low, medium, high], approvalTimeout: 1s, maxDivergenceRatio: 1 }
      """;

  @Test
  void everyHostileRecordIsReportedOrFailsItsRepairAndTheCycleCompletes() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint, n numeric, d date, t text, j jsonb)",
          "insert into items values"
              + " (1, 1, '2024-01-01', 'ok', '{}'),"
              + " (2, 'NaN', '2024-01-01', 'ok', '{}'),"
              + " (3, 1e7000, '2024-01-01', 'ok', '{}'),"
              + " (4, 1, 'infinity', 'ok', '{}'),"
              + " (5, 1, '294277-01-01', 'ok', '{}'),"
              + " (6, 1, '2024-01-01', repeat('x', 17 * 1024 * 1024), '{}'),"
              + " (7, 1, '2024-01-01', 'ok', (repeat('[', 5000) || repeat(']', 5000))::jsonb),"
              + " (8, 1, '2024-01-01', 'ok', (repeat('{\"a\":', 150) || '1' || repeat('}', 150))::jsonb),"
              + " (9, 1, '2024-01-01', 'ok', '{}'),"
              + " (10, 2, '2024-01-01', 'ok', '{}')");
      // Documents only for 1, 9 and 10 (10 stale); every other row is MISSING or MISMATCH.
      f.collection("items")
          .insertMany(
              List.of(
                  doc(1, "1.00"),
                  doc(2, "1.00"),
                  doc(4, "1.00"),
                  doc(7, "1.00"),
                  doc(9, "1.00"),
                  doc(10, "1.00")));
      JobSpec spec = f.spec(SPEC);
      String cycleId = f.start(spec, Mode.FULL);
      CycleResult result = f.await(cycleId);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(1, result.counts().persistent().duplicate(), result.message());
      assertEquals(
          Map.of(
              "{\"id\":2}", "MISMATCH REPAIRED",
              "{\"id\":3}", "MISSING FAILED",
              "{\"id\":4}", "MISMATCH FAILED",
              "{\"id\":5}", "MISSING REPAIRED",
              "{\"id\":6}", "MISSING FAILED",
              "{\"id\":7}", "MISMATCH FAILED",
              "{\"id\":8}", "MISSING FAILED",
              "{\"id\":9}", "DUPLICATE_KEY REPORTED",
              "{\"id\":10}", "MISMATCH REPAIRED"),
          column(f, cycleId, "kind || ' ' || status"));
      Map<String, String> detail = column(f, cycleId, "coalesce(detail, '')");
      // numeric 'NaN' is a value like any other: written in the type the document holds.
      assertEquals(
          org.bson.types.Decimal128.NaN,
          f.collection("items").find(new Document("_id", 2L)).first().get("n"));
      assertTrue(detail.get("{\"id\":3}").startsWith("UNWRITABLE: n: "), detail.toString());
      assertEquals("UNWRITABLE: d: date infinity has no BSON Date form", detail.get("{\"id\":4}"));
      assertEquals("UNWRITABLE: document exceeds 16 MB", detail.get("{\"id\":6}"));
      assertEquals(
          "INVALID_VALUE: source j is JSON nested deeper than 256 levels",
          detail.get("{\"id\":7}"));
      assertEquals("UNWRITABLE: document nests deeper than 100 levels", detail.get("{\"id\":8}"));
      assertEquals("DUPLICATE_KEY: the source holds 2 rows with key 9", detail.get("{\"id\":9}"));
      // The store never received the 17 MB value: displays are cut.
      long longest =
          Long.parseLong(
              f.rows(
                      "select max(length(fields)) from recon.discrepancy where cycle_id = '"
                          + cycleId
                          + "'")
                  .get(0)
                  .get(0));
      assertTrue(longest < 1_000, "stored fields of " + longest + " characters");
      // Only id 5 was inserted; no failed repair wrote anything.
      assertEquals(7, f.collection("items").countDocuments());
    }
  }

  private static Document doc(long id, String n) {
    return new Document("_id", id)
        .append("n", org.bson.types.Decimal128.parse(n))
        .append("d", java.util.Date.from(java.time.Instant.parse("2024-01-01T00:00:00Z")))
        .append("t", "ok")
        .append("j", new Document());
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
