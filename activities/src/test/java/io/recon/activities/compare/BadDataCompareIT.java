package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SourceSpec;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.SettledCounts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Hostile data is reported as discrepancies; every range still completes. */
class BadDataCompareIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<FieldSpec> NAME =
      List.of(FieldSpec.of("name", "name", FieldType.STRING));

  @Test
  void repeatedSourceKeysAcrossPageEdgesAndLongerThanAPageAreDuplicateKeysAndTheRangeGoesOn() {
    try (var f = new Fixture(3)) {
      // No unique key: 3 repeats across a page edge, 5 more often than a whole page holds.
      f.sql(
          "create table items (id bigint, name text)",
          "insert into items values (1,'a'), (2,'b'), (3,'c'), (3,'c'), (4,'d'), (6,'f')",
          "insert into items select 5, 'e' from generate_series(1, 7)");
      var docs = new ArrayList<Document>();
      for (long id = 1; id <= 6; id++) {
        docs.add(new Document("_id", id).append("name", String.valueOf((char) ('a' + id - 1))));
      }
      docs.add(new Document("_id", 7L).append("name", "g")); // an orphan after them all
      f.docs().insertMany(docs);
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "items",
                  new SourceSpec(null, "select id, name from items", List.of("id"), null),
                  List.of("_id"),
                  1,
                  NAME));
      DetectedCounts compared = f.compareAll(spec, "c1", Mode.FULL, null);
      assertEquals(13, compared.volumes().sourceRecords());
      assertEquals(7, compared.volumes().targetRecords());
      assertEquals(2, compared.findings().duplicate());
      assertEquals(1, compared.findings().orphan());
      assertEquals(0, compared.findings().missing() + compared.findings().mismatch());
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(2, rechecked.persistent().duplicate());
      assertEquals(3, rechecked.discrepancies());
      assertEquals(
          Map.of(
              "{\"id\":3}", "DUPLICATE_KEY: the source holds 2 rows with key 3",
              "{\"id\":5}", "DUPLICATE_KEY: the source holds 7 rows with key 5"),
          details(f, "c1", "DUPLICATE_KEY"));
    }
  }

  @Test
  void documentsWhoseCompositeKeysAreEqualAsNumbersAreATargetDuplicate() {
    try (var f = new Fixture(2)) {
      f.sql(
          "create table orders (region text, no int, name text, primary key (region, no))",
          "insert into orders values ('eu',1,'a'), ('eu',2,'b'), ('eu',3,'c')");
      // Nothing makes (r, n) unique in the collection: int32 2 and double 2.0 are one key.
      f.docs()
          .insertMany(
              List.of(
                  new Document("r", "eu").append("n", 1).append("name", "a"),
                  new Document("r", "eu").append("n", 2).append("name", "b"),
                  new Document("r", "eu").append("n", 2.0).append("name", "b"),
                  new Document("r", "eu").append("n", 3L).append("name", "x")));
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "orders",
                  new SourceSpec("orders", null, List.of("region", "no"), null),
                  List.of("r", "n"),
                  1,
                  NAME));
      f.compareAll(spec, "c1", Mode.FULL, null);
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(1, rechecked.persistent().duplicate());
      assertEquals(1, rechecked.persistent().mismatch());
      assertEquals(
          Map.of(
              "{\"region\":\"eu\",\"no\":2}",
              "DUPLICATE_KEY: the target holds 2 documents with key [eu, 2]"),
          details(f, "c1", "DUPLICATE_KEY"));
    }
  }

  @Test
  void specialAndUnreadableValuesAreMismatchesAndTheRangeCompletes() {
    try (var f = new Fixture(2)) {
      f.sql(
          "create table hostile (id bigint primary key, n numeric, d date, ts timestamptz,"
              + " j jsonb)",
          "insert into hostile values"
              + " (1, 'NaN', '2024-01-01', '2024-01-01T00:00:00Z', '{}'),"
              + " (2, 1, 'infinity', '2024-01-01T00:00:00Z', '{}'),"
              + " (3, 1, '2024-01-01', '-infinity', '{}'),"
              + " (4, 1, '2024-01-01', '2024-01-01T00:00:00Z', ('' || repeat('[', 5000)"
              + " || repeat(']', 5000))::jsonb),"
              + " (5, 1e400, '294277-01-01', '2024-01-01T00:00:00Z', '{}'),"
              + " (6, 1, '2024-01-01', '2024-01-01T00:00:00Z', '{}')");
      var docs = new ArrayList<Document>();
      for (long id = 1; id <= 6; id++) {
        docs.add(
            new Document("_id", id)
                .append("n", new org.bson.types.Decimal128(1))
                .append("d", "2024-01-01")
                .append("ts", java.util.Date.from(java.time.Instant.parse("2024-01-01T00:00:00Z")))
                .append("j", new Document()));
      }
      f.docs().insertMany(docs);
      var fields =
          List.of(
              new FieldSpec("n", "n", FieldType.DECIMAL, null, null, 2, null, null, null, false),
              FieldSpec.of("d", "d", FieldType.DATE),
              FieldSpec.of("ts", "ts", FieldType.TIMESTAMP),
              FieldSpec.of("j", "j", FieldType.JSON));
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "hostile",
                  new SourceSpec("hostile", null, List.of("id"), null),
                  List.of("_id"),
                  2,
                  fields));
      f.compareAll(spec, "c1", Mode.FULL, null);
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(5, rechecked.persistent().mismatch());
      Map<String, String> sources = sourceDisplays(f, "c1");
      // PostgreSQL's special values are read as what they are, not as unreadable.
      assertEquals("NaN", sources.get("1 n"));
      assertEquals("Infinity", sources.get("2 d"));
      assertEquals("-Infinity", sources.get("3 ts"));
      assertEquals("<INVALID_VALUE: JSON nested deeper than 256 levels>", sources.get("4 j"));
      assertTrue(sources.get("5 n").startsWith("1000000000"), sources.toString());
      // A date beyond year 9999 is still a date: it is compared, not refused.
      assertEquals("+294277-01-01", sources.get("5 d"));
      assertEquals(6, sources.size(), sources.toString());
    }
  }

  /** The detail of each discrepancy of {@code kind}, by key. */
  private static Map<String, String> details(Fixture f, String cycleId, String kind) {
    var map = new TreeMap<String, String>();
    query(
        f,
        "select key_json, detail from recon.discrepancy where cycle_id = '"
            + cycleId
            + "' and kind = '"
            + kind
            + "'",
        rs -> map.put(rs.getString(1), rs.getString(2)));
    return map;
  }

  /** Each differing field's source display, by "id path". */
  private static Map<String, String> sourceDisplays(Fixture f, String cycleId) {
    var map = new TreeMap<String, String>();
    query(
        f,
        "select key_json, fields from recon.discrepancy where cycle_id = '" + cycleId + "'",
        rs -> {
          String id = JSON.readTree(rs.getString(1)).get("id").asText();
          for (JsonNode field : JSON.readTree(rs.getString(2))) {
            map.put(id + " " + field.get("path").asText(), field.get("source").asText());
          }
        });
    return map;
  }

  private interface RowReader {
    void read(ResultSet rs) throws Exception;
  }

  private static void query(Fixture f, String sql, RowReader reader) {
    try (Connection c = f.store.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        reader.read(rs);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
