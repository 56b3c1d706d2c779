package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.compare.Discrepancy;
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

/**
 * Composite keys with a NULL or foreign-typed part in either position, over several ranges and
 * pages: each is one discrepancy per distinct key, counted once, and every range still completes.
 */
class KeyShapesCompareIT {
  private static final List<FieldSpec> NAME =
      List.of(FieldSpec.of("name", "name", FieldType.STRING));

  @Test
  void nullAndForeignPartsOfACompositeKeyAreInvalidKeysAndOrphansInAnyPosition() throws Exception {
    try (var f = new Fixture(2)) {
      f.sql(
          "create table orders (region text, no int, name text)",
          "insert into orders select 'eu', g, 'n' || g from generate_series(1, 6) g",
          "insert into orders values ('eu', null, 'x'), ('eu', null, 'y'), (null, 3, 'z')");
      var docs = new ArrayList<Document>();
      for (int no = 1; no <= 6; no++) {
        docs.add(
            new Document("r", "eu")
                .append("n", no % 2 == 0 ? (Object) (double) no : no)
                .append("name", "n" + no));
      }
      docs.add(new Document("r", "eu").append("n", "2").append("name", "n2"));
      docs.add(new Document("r", "eu").append("name", "absent"));
      docs.add(new Document("r", "eu").append("n", null).append("name", "null"));
      docs.add(new Document("r", 5).append("n", 1).append("name", "n1"));
      f.docs().insertMany(docs);
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "orders",
                  new SourceSpec("orders", null, List.of("region", "no"), null),
                  List.of("r", "n"),
                  3,
                  NAME));
      DetectedCounts compared = f.compareAll(spec, "c1", Mode.FULL, null);
      assertEquals(9, compared.volumes().sourceRecords(), compared.toString());
      assertEquals(10, compared.volumes().targetRecords(), compared.toString());
      assertEquals(3, compared.findings().invalidKey(), compared.toString());
      assertEquals(2, compared.findings().orphan(), compared.toString());
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(3, rechecked.persistent().invalidKey(), rechecked.toString());
      assertEquals(2, rechecked.persistent().orphan(), rechecked.toString());
      assertEquals(5, rechecked.discrepancies(), rechecked.toString());
      Map<String, String> detail = details(f, "c1");
      assertEquals(5, detail.size(), detail.toString());
      assertTrue(
          detail
              .get("{\"region\":\"eu\",\"no\":\"NULL\"} INVALID_KEY")
              .startsWith("INVALID_KEY: 2 source rows have NULL in key column no;"),
          detail.toString());
      assertTrue(
          detail
              .get("{\"region\":\"NULL\",\"no\":3} INVALID_KEY")
              .startsWith("INVALID_KEY: 1 source row has NULL in key column region;"),
          detail.toString());
      assertTrue(
          detail
              .get("{\"region\":\"eu\",\"no\":null} INVALID_KEY")
              .startsWith("INVALID_KEY: 2 target documents have key n "),
          detail.toString());
      assertEquals(
          Discrepancy.FOREIGN_TYPE + "n is a string \"2\" where the key is INTEGER",
          detail.get("{\"region\":\"eu\",\"no\":\"2\"} ORPHAN"));
      assertEquals(
          Discrepancy.FOREIGN_TYPE + "r is an int 5 where the key is TEXT",
          detail.get("{\"region\":5,\"no\":1} ORPHAN"));
    }
  }

  /** Each discrepancy's detail, by "key kind". */
  private static Map<String, String> details(Fixture f, String cycleId) throws Exception {
    var map = new TreeMap<String, String>();
    try (Connection c = f.store.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select key_json, kind, detail from recon.discrepancy where cycle_id = '"
                    + cycleId
                    + "' and status = 'PERSISTENT'")) {
      while (rs.next()) {
        map.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
      }
    }
    return map;
  }
}
