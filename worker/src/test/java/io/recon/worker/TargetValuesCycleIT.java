package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, part 2, end to end through real cycles with repair: special numbers, repairs that land
 * in the target's own types, and parents of the wrong type.
 */
class TargetValuesCycleIT {
  private static final String HEAD =
      """
      name: values
      owner: ops
      approvers: [alice]
      source: { table: public.items, key: [id] }
      target: { database: ${db}, collection: items, key: [_id] }
      partitions: 1
      parallelism: 1
      settle: 0s
      repair: { auto: [low, medium, high], approvalTimeout: 1s, maxDivergenceRatio: 1 }
      fields:
      """;

  @Test
  void equalSpecialNumbersAgreeAndInfiniteInstantsFailTheirRepairOnce() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint primary key, d double precision, n numeric,"
              + " ts timestamptz)",
          "insert into items values"
              + " (1, 'NaN', 'NaN', '2024-01-01T00:00:00Z'),"
              + " (2, 'Infinity', 'Infinity', '2024-01-01T00:00:00Z'),"
              + " (3, '-Infinity', '-Infinity', '2024-01-01T00:00:00Z'),"
              + " (4, 1.5, 'NaN', '2024-01-01T00:00:00Z'),"
              + " (5, 1, 1, 'infinity'),"
              + " (6, 1, 1, '-infinity')");
      double inf = Double.POSITIVE_INFINITY;
      f.collection("items")
          .insertMany(
              List.of(
                  doc(1, Double.NaN, Decimal128.NaN),
                  doc(2, inf, Decimal128.POSITIVE_INFINITY),
                  doc(3, -inf, -inf),
                  // A NaN the source does not hold, and a finite number where it holds NaN.
                  doc(4, Double.NaN, 1.0),
                  doc(5, 1.0, 1.0)));
      var spec =
          f.spec(
              HEAD
                  + """
                    - { source: d, target: d, type: double }
                    - { source: n, target: n, type: decimal, scale: 2 }
                    - { source: ts, target: ts, type: timestamp }
                  """);
      for (int cycle = 1; cycle <= 2; cycle++) {
        String cycleId = f.start(spec, Mode.FULL);
        CycleResult result = f.await(cycleId);
        assertEquals(CycleState.COMPLETED, result.state(), result.message());
        Map<String, String> status = column(f, cycleId, "kind || ' ' || status");
        Map<String, String> detail = column(f, cycleId, "coalesce(detail, '')");
        if (cycle == 1) {
          // 1-3 agree: NaN, Infinity and -Infinity equal themselves on both sides.
          assertEquals(
              Map.of(
                  "{\"id\":4}", "MISMATCH REPAIRED",
                  "{\"id\":5}", "MISMATCH FAILED",
                  "{\"id\":6}", "MISSING FAILED"),
              status,
              detail.toString());
        } else {
          // The repaired NaN holds; the infinite instants fail again, once each, not in a loop.
          assertEquals(
              Map.of("{\"id\":5}", "MISMATCH FAILED", "{\"id\":6}", "MISSING FAILED"),
              status,
              detail.toString());
        }
        assertEquals(
            "UNWRITABLE: ts: timestamp infinity has no BSON Date form", detail.get("{\"id\":5}"));
        assertEquals(
            "UNWRITABLE: ts: timestamp -infinity has no BSON Date form", detail.get("{\"id\":6}"));
      }
      Document four = f.collection("items").find(new Document("_id", 4L)).first();
      assertEquals(1.5, four.get("d"));
      // The document held a double there, so the source's NaN is written as a double NaN.
      assertInstanceOf(Double.class, four.get("n"));
      assertTrue(Double.isNaN(four.getDouble("n")), four.toJson());
      assertEquals(5, f.collection("items").countDocuments());
    }
  }

  @Test
  void repairsWriteTheTypesTheTargetUsesOrFailBeforeWriting() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint primary key, amount numeric(14,2), big bigint,"
              + " cnt integer, seen date)",
          "insert into items values"
              + " (1, 1.25, 1, 1, '2024-01-01'),"
              + " (2, 2.50, 2, 2, '2024-01-02'),"
              + " (3, 3.75, 9223372036854775807, 3, '2024-01-03'),"
              + " (4, 4.00, 4, 4, '2024-01-04'),"
              + " (5, 5.10, 5, 5, '2024-01-05'),"
              + " (6, 12345678901.23, 6, 6, '2024-01-06')");
      f.collection("items")
          .insertMany(
              List.of(
                  typed(1, 1.25, 1.0, 1, "2024-01-01"),
                  // amount and seen differ: the update keeps double and text.
                  typed(2, 1.0, 2.0, 2, "2024-01-09"),
                  // big differs: 2^63-1 as the document's double would read back as 2^63.
                  typed(3, 3.75, 1.0, 3, "2024-01-03"),
                  typed(4, 4.0, 4.0, 4, "2024-01-04")));
      var spec =
          f.spec(
              HEAD
                  + """
                    - { source: amount, target: amount, type: decimal, scale: 2 }
                    - { source: big, target: big, type: integer }
                    - { source: cnt, target: cnt, type: integer, bsonType: long }
                    - { source: seen, target: seen, type: date }
                  """);
      String cycleId = f.start(spec, Mode.FULL);
      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      Map<String, String> detail = column(f, cycleId, "coalesce(detail, '')");
      assertEquals(
          Map.of(
              "{\"id\":2}", "MISMATCH REPAIRED",
              "{\"id\":3}", "MISMATCH FAILED",
              "{\"id\":5}", "MISSING REPAIRED",
              "{\"id\":6}", "MISSING REPAIRED"),
          column(f, cycleId, "kind || ' ' || status"),
          detail.toString());
      assertEquals(
          "UNWRITABLE: big: 9223372036854775807 written as double reads back as"
              + " 9223372036854775808, which does not equal the source",
          detail.get("{\"id\":3}"));
      var items = f.collection("items");
      Document two = items.find(new Document("_id", 2L)).first();
      assertEquals(2.5, two.get("amount"));
      assertEquals("2024-01-02", two.get("seen"));
      // Rebuilt documents look like their siblings: doubles, not Decimal128; dates as text; the
      // declared int64 for cnt although PostgreSQL reads an int32 and the siblings hold int32.
      for (long id : new long[] {5, 6}) {
        Document d = items.find(new Document("_id", id)).first();
        assertInstanceOf(Double.class, d.get("amount"), d.toJson());
        assertInstanceOf(Double.class, d.get("big"), d.toJson());
        assertInstanceOf(Long.class, d.get("cnt"), d.toJson());
        assertInstanceOf(String.class, d.get("seen"), d.toJson());
      }
      assertEquals(5.1, items.find(new Document("_id", 5L)).first().get("amount"));
      assertEquals(1.0, items.find(new Document("_id", 3L)).first().get("big"), "never written");
      // A second cycle finds nothing left to repair but the one that cannot be written.
      String again = f.start(spec, Mode.FULL);
      assertEquals(CycleState.COMPLETED, f.await(again).state());
      assertEquals(
          Map.of("{\"id\":3}", "MISMATCH FAILED"), column(f, again, "kind || ' ' || status"));
    }
  }

  @Test
  void aParentOfTheWrongTypeIsReplacedWhenTheSpecOwnsItAndFailsWhenItHoldsMore() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      f.sql(
          "create table items (id bigint primary key, email text, phone text)",
          "insert into items values"
              + " (1, 'a@x.org', '1'), (2, 'b@x.org', '2'), (3, 'c@x.org', '3'),"
              + " (4, 'd@x.org', null), (5, 'e@x.org', '5')");
      f.collection("items")
          .insertMany(
              List.of(
                  new Document("_id", 1L).append("contact", "a@x.org").append("other", 1),
                  new Document("_id", 2L).append("contact", List.of()),
                  new Document("_id", 3L).append("contact", List.of("c@x.org", "old")),
                  new Document("_id", 4L).append("contact", null),
                  new Document("_id", 5L)
                      .append("contact", new Document("email", "e@x.org").append("phone", "5"))));
      var spec =
          f.spec(
              HEAD
                  + """
                    - { source: email, target: contact.email, type: string }
                    - { source: phone, target: contact.phone, type: string }
                  """);
      String cycleId = f.start(spec, Mode.FULL);
      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      Map<String, String> detail = column(f, cycleId, "coalesce(detail, '')");
      assertEquals(
          Map.of(
              "{\"id\":1}", "MISMATCH REPAIRED",
              "{\"id\":2}", "MISMATCH REPAIRED",
              "{\"id\":3}", "MISMATCH FAILED",
              "{\"id\":4}", "MISMATCH REPAIRED"),
          column(f, cycleId, "kind || ' ' || status"),
          detail.toString());
      assertEquals(
          "UNWRITABLE: contact.email: contact is array, not an object, and holds contact.0 that"
              + " no field maps; replacing it would lose that data",
          detail.get("{\"id\":3}"));
      var items = f.collection("items");
      Document one = items.find(new Document("_id", 1L)).first();
      assertEquals(new Document("email", "a@x.org").append("phone", "1"), one.get("contact"));
      assertEquals(1, one.get("other"), "unmapped fields stay as they were");
      assertEquals(
          new Document("email", "b@x.org").append("phone", "2"),
          items.find(new Document("_id", 2L)).first().get("contact"));
      assertEquals(
          new Document("email", "d@x.org"),
          items.find(new Document("_id", 4L)).first().get("contact"));
      assertEquals(
          List.of("c@x.org", "old"), items.find(new Document("_id", 3L)).first().get("contact"));
    }
  }

  private static Document doc(long id, double d, Object n) {
    return new Document("_id", id)
        .append("d", d)
        .append("n", n)
        .append("ts", Date.from(Instant.parse("2024-01-01T00:00:00Z")));
  }

  private static Document typed(long id, double amount, double big, int cnt, String seen) {
    return new Document("_id", id)
        .append("amount", amount)
        .append("big", big)
        .append("cnt", cnt)
        .append("seen", seen);
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
