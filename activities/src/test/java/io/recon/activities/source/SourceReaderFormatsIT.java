package io.recon.activities.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.support.Connections;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.CanonicalValue;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.config.Endpoint;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.SharedEngines;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGResultSetMetaData;

/**
 * A page read canonicalizes every value exactly as the path that reads each value with {@link
 * JdbcValues#read} (what repair reads, and what every read did before the binary timestamptz
 * decoding), whichever format the driver sends: text (statements not yet prepared on the server),
 * or binary (prepared, as a worker's statements are after a few pages).
 */
class SourceReaderFormatsIT {
  private static final String[] INSTANTS = {
    "2025-01-01 00:00:00.037+00",
    "2025-06-30 23:59:59.999999+05:30",
    "2024-02-29 12:34:56.000001+14",
    "2024-02-29 12:34:56.123456-12",
    "1970-01-01 00:00:00+00",
    "1969-12-31 23:59:59.999999+00",
    "1969-12-31 23:59:59.5+00",
    "1999-12-31 23:59:59.999999+00",
    "2000-01-01 00:00:00+00",
    "2000-01-01 00:00:00.000001+00",
    "1900-01-01 00:00:00.5-03:00",
    "1883-11-18 12:00:00 America/New_York",
    "0001-01-01 00:00:00+00",
    "0001-01-01 00:00:00+00 BC",
    "4713-01-01 00:00:00+00 BC",
    "294276-12-31 23:59:59.999999+00",
    "infinity",
    "-infinity",
    null
  };
  private static final String[] NUMBERS = {
    "0",
    "-0.00",
    "0.005",
    "-0.005",
    "0.015",
    "123.456",
    "-99999999999.995",
    "12345678901234567890.12",
    "1e100",
    "1e-100",
    "NaN",
    "Infinity",
    "-Infinity",
    null
  };
  private static final String[] JSONB = {
    "[\"t3\", 4]",
    "{\"b\": 1, \"a\": [1, 2.0, -0]}",
    "null",
    "\"x\\u00e9\"",
    "1.50",
    "{}",
    "[]",
    "{\"a\": {\"b\": [true, false, null, 1e-7]}}",
    null
  };
  // json (not jsonb) keeps its text as written: spacing, repeated names, exponents.
  private static final String[] JSON = {
    "{\"b\":1,\"b\":2}",
    " [ 1 ,\n 2 ] ",
    "{\"a\":1e400}",
    "[1.0, -0, 1E+2]",
    "\"\\ud83d\\ude00\"",
    null
  };

  private static String url;
  private static final List<HikariDataSource> POOLS = new ArrayList<>();

  @BeforeAll
  static void seed() throws Exception {
    url = SharedEngines.newPostgresDatabase();
    try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement()) {
      s.execute(
          "create table t (id bigint primary key, ts timestamptz, tsm timestamptz, tsd timestamptz,"
              + " tss timestamptz, n numeric, j jsonb, jt json)");
      try (PreparedStatement ps =
          c.prepareStatement(
              "insert into t values (?, ?::timestamptz, ?::timestamptz, ?::timestamptz,"
                  + " ?::timestamptz, ?::numeric, ?::jsonb, ?::json)")) {
        for (int i = 0; i < 60; i++) {
          String ts = INSTANTS[i % INSTANTS.length];
          ps.setLong(1, i);
          ps.setString(2, ts);
          ps.setString(3, INSTANTS[(i + 3) % INSTANTS.length]);
          ps.setString(4, ts);
          ps.setString(5, ts);
          ps.setString(6, NUMBERS[i % NUMBERS.length]);
          ps.setString(7, JSONB[i % JSONB.length]);
          ps.setString(8, JSON[i % JSON.length]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  @AfterAll
  static void close() {
    POOLS.forEach(HikariDataSource::close);
  }

  private static HikariDataSource pool(String name, String params) {
    var ds = Connections.readOnlyPostgres(new Endpoint(url + params, "postgres", null), name, 2);
    POOLS.add(ds);
    return ds;
  }

  private static JobSpec spec() {
    return SpecLoader.parse(
        """
        name: formats
        owner: ops
        source: { table: public.t, key: [id] }
        target: { database: formats, collection: t, key: [_id] }
        fields:
          - { source: ts, target: ts, type: timestamp }
          - { source: tsm, target: tsm, type: timestamp, precision: millis }
          - { source: tsd, target: tsd, type: date }
          - { source: tss, target: tss, type: string }
          - { source: n, target: n, type: decimal, scale: 2 }
          - { source: j, target: j, type: json }
          - { source: jt, target: jt, type: json, unorderedArrays: true }
        """,
        "formats.yaml");
  }

  /** Page records and the per-value path's records, by key, for one pool. */
  private static Map<RecordKey, CanonicalRecord> pageChecked(HikariDataSource ds) {
    var reader = new SourceReader(ds, spec(), List.of(KeyType.INTEGER));
    var byPage = new TreeMap<RecordKey, CanonicalRecord>();
    // Several pages, so a pool that prepares on the server after a few runs reads both formats.
    RecordKey from = null;
    while (true) {
      List<CanonicalRecord> page = reader.page(from, null, null, 8);
      page.subList(0, Math.min(7, page.size())).forEach(r -> byPage.put(r.key(), r));
      if (page.size() < 8) {
        break;
      }
      from = page.get(7).key();
    }
    assertEquals(60, byPage.size());
    var keys = new ArrayList<>(byPage.keySet());
    for (SourceReader.Row row : reader.rowsByKeys(keys)) {
      CanonicalRecord expected = row.record();
      CanonicalRecord actual = byPage.get(expected.key());
      for (int f = 0; f < expected.values().size(); f++) {
        CanonicalValue want = expected.values().get(f);
        assertEquals(want, actual.values().get(f), expected.key() + " field " + f);
        assertEquals(want.display(), actual.values().get(f).display());
      }
      assertEquals(expected.hashHex(), actual.hashHex(), expected.key().toString());
      assertEquals(expected.fieldHashes(), actual.fieldHashes(), expected.key().toString());
    }
    return byPage;
  }

  private static int timestamptzFormat(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("select ts from t where id = ?")) {
      ps.setLong(1, 0);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1);
      }
    }
  }

  @Test
  void binaryAndTextPagesCanonicalizeEveryValueAsTheValueByValuePath() throws Exception {
    HikariDataSource text = pool("text", "?prepareThreshold=0");
    HikariDataSource binary = pool("binary", "?prepareThreshold=-1");
    HikariDataSource usual = pool("usual", "");
    // Otherwise this test would prove nothing about one of the two formats.
    assertEquals(0, timestamptzFormat(text));
    assertEquals(1, timestamptzFormat(binary));

    Map<RecordKey, CanonicalRecord> fromText = pageChecked(text);
    Map<RecordKey, CanonicalRecord> fromBinary = pageChecked(binary);
    Map<RecordKey, CanonicalRecord> fromUsual = pageChecked(usual);
    for (RecordKey k : fromText.keySet()) {
      assertEquals(fromText.get(k).values(), fromBinary.get(k).values(), k.toString());
      assertEquals(fromText.get(k).hashHex(), fromBinary.get(k).hashHex(), k.toString());
      assertEquals(fromText.get(k).hashHex(), fromUsual.get(k).hashHex(), k.toString());
    }
    // The infinities, NULL and BC instants were read, not skipped.
    var seen = new ArrayList<String>();
    fromBinary.values().forEach(r -> seen.add(r.values().get(0).toDisplay()));
    assertTrue(seen.contains("Infinity") && seen.contains("-Infinity") && seen.contains("null"));
    assertTrue(seen.stream().anyMatch(s -> s.startsWith("-4712-")), seen.toString());
  }
}
