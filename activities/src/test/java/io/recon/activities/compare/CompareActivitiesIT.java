package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.SourceSpec;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompareActivitiesIT {
  private static final List<FieldSpec> FIELDS =
      List.of(
          FieldSpec.of("email", "email", FieldType.STRING),
          new FieldSpec(
              "score", "stats.score", FieldType.DECIMAL, null, null, 2, null, null, null, false));

  // Code point order: A B Z _ a b c d e f g é ÿ; a locale collation would put them otherwise.
  private static void seedTextKeys(Fixture f) {
    f.sql(
        "create table customers (id text primary key, email text, score numeric(10,2),"
            + " updated_at timestamptz not null default now())",
        "insert into customers (id, email, score) values ('B','b@x',1), ('Z','z@x',12.50),"
            + " ('_','u@x',3), ('a','a@x',4), ('b','b2@x',5), ('c','c@x',6), ('d','d@x',7),"
            + " ('é','e@x',8), ('f','f@x',9), ('g','g@x',10)");
    var docs = new ArrayList<Document>();
    docs.add(doc("A", "orphan@x", 0));
    docs.add(doc("B", "b@x", 1));
    docs.add(doc("Z", "z@x", 12.5)); // equal after normalization: 12.50 and 12.5
    docs.add(doc("a", "A@X", 4)); // mismatch
    docs.add(doc("b", "b2@x", 5)); // first key of range 1
    docs.add(doc("c", "c@x", 6));
    docs.add(doc("d", "d@x", 7));
    docs.add(doc("e", "orphan@x", 0)); // orphan inside a range
    docs.add(doc("é", "e@x", 8));
    docs.add(doc("f", "f@x", 9));
    docs.add(doc("g", "g@x", 11)); // mismatch on the boundary key of range 2
    docs.add(doc("ÿ", "orphan@x", 0)); // orphan beyond the source's max key
    f.docs().insertMany(docs);
  }

  private static Document doc(Object id, String email, Number score) {
    return new Document("_id", id)
        .append("email", email)
        .append("stats", new Document("score", score));
  }

  private static JobSpec textSpec(Fixture f) {
    return f.here(
        Fixture.spec(
            "customers",
            new SourceSpec("public.customers", null, List.of("id"), "updated_at"),
            List.of("_id"),
            3,
            FIELDS));
  }

  private static final Set<String> TEXT_EXPECTED =
      Set.of(
          "PERSISTENT MISSING {\"id\":\"_\"} []",
          "PERSISTENT MISMATCH {\"id\":\"a\"} [email]",
          "PERSISTENT MISMATCH {\"id\":\"g\"} [stats.score]",
          "PERSISTENT ORPHAN {\"id\":\"A\"} []",
          "PERSISTENT ORPHAN {\"id\":\"e\"} []",
          "PERSISTENT ORPHAN {\"id\":\"ÿ\"} []");

  @Test
  void findsExactlyTheDiscrepanciesOfTextKeysInCodePointOrder() {
    try (var f = new Fixture(2)) {
      seedTextKeys(f);
      JobSpec spec = textSpec(f);
      DetectedCounts compared = f.compareAll(spec, "c1", Mode.FULL, null);
      assertEquals(3, f.plan(spec, "c1", Mode.FULL, null).ranges());
      assertEquals(10, compared.volumes().sourceRecords());
      assertEquals(12, compared.volumes().targetRecords());
      assertEquals(13, compared.volumes().compared());
      assertEquals(1, compared.findings().missing());
      assertEquals(3, compared.findings().orphan());
      assertEquals(2, compared.findings().mismatch());
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(TEXT_EXPECTED, f.discrepancies("c1"));
      assertEquals(0, rechecked.transientCount());
      assertEquals(6, rechecked.discrepancies());
      assertEquals(4, rechecked.severities().high()); // missing and orphans default to HIGH
      assertEquals(2, rechecked.severities().medium());
    }
  }

  @Test
  void planningIsIdempotentAndCoversEveryKeyWithOpenEnds() {
    try (var f = new Fixture(2)) {
      seedTextKeys(f);
      JobSpec spec = textSpec(f);
      f.open(spec, "c1", Mode.FULL);
      RangePlan first = f.plan(spec, "c1", Mode.FULL, null);
      f.sql("insert into customers (id, email, score) values ('h','h@x',1)");
      RangePlan again = f.plan(spec, "c1", Mode.FULL, null);
      assertEquals(first, again);
      assertEquals(10, first.estimatedSourceRows());
      assertEquals(
          2,
          f.storeCount(
              "select count(*) from recon.partition where lo_key is null or hi_key is null"));
    }
  }

  @Test
  void aDocumentFixedBeforeRecheckIsTransientAndAVanishedOneBecomesMissing() {
    try (var f = new Fixture(5_000)) {
      seedTextKeys(f);
      JobSpec spec = textSpec(f);
      f.compareAll(spec, "c1", Mode.FULL, null);
      f.docs().updateOne(Filters.eq("_id", "a"), Updates.set("email", "a@x"));
      f.docs().deleteOne(Filters.eq("_id", "g"));
      SettledCounts rechecked = f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(
          Set.of(
              "TRANSIENT MISMATCH {\"id\":\"a\"} [email]",
              "PERSISTENT MISSING {\"id\":\"_\"} []",
              "PERSISTENT MISSING {\"id\":\"g\"} []",
              "PERSISTENT ORPHAN {\"id\":\"A\"} []",
              "PERSISTENT ORPHAN {\"id\":\"e\"} []",
              "PERSISTENT ORPHAN {\"id\":\"ÿ\"} []"),
          f.discrepancies("c1"));
      assertEquals(1, rechecked.transientCount());
      assertEquals(2, rechecked.persistent().missing());
      assertEquals(0, rechecked.persistent().mismatch());
      // A second recheck finds nothing left to do and reports the same.
      assertEquals(rechecked, f.recheckAll(spec, "c1", Mode.FULL, null));
    }
  }

  @Test
  void compositeKeysCompareAsTuples() {
    try (var f = new Fixture(2)) {
      f.sql(
          "create table orders (region varchar(8), no int, email text, score numeric(10,2),"
              + " primary key (region, no))",
          "insert into orders values ('eu',1,'a',1), ('eu',2,'b',2), ('eu',10,'c',3),"
              + " ('us',1,'d',4), ('us',2,'e',5), ('us',3,'f',6)");
      var docs = new ArrayList<Document>();
      docs.add(new Document("r", "EU").append("n", 1).append("email", "orphan")); // below min
      docs.add(
          new Document("r", "eu")
              .append("n", 1)
              .append("email", "a")
              .append("stats", new Document("score", 1)));
      docs.add(
          new Document("r", "eu")
              .append("n", 2L)
              .append("email", "B")
              .append("stats", new Document("score", 2)));
      docs.add(
          new Document("r", "eu")
              .append("n", 10.0)
              .append("email", "c")
              .append("stats", new Document("score", 3)));
      docs.add(
          new Document("r", "us")
              .append("n", 1)
              .append("email", "d")
              .append("stats", new Document("score", 4)));
      docs.add(
          new Document("r", "us")
              .append("n", 3)
              .append("email", "f")
              .append("stats", new Document("score", 6)));
      docs.add(new Document("r", "zz").append("n", 1).append("email", "orphan")); // beyond max
      f.docs().insertMany(docs);
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "orders",
                  new SourceSpec("orders", null, List.of("region", "no"), null),
                  List.of("r", "n"),
                  2,
                  FIELDS));
      f.compareAll(spec, "c1", Mode.FULL, null);
      f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(
          Set.of(
              "PERSISTENT MISMATCH {\"region\":\"eu\",\"no\":2} [email]",
              "PERSISTENT MISSING {\"region\":\"us\",\"no\":2} []",
              "PERSISTENT ORPHAN {\"region\":\"EU\",\"no\":1} []",
              "PERSISTENT ORPHAN {\"region\":\"zz\",\"no\":1} []"),
          f.discrepancies("c1"));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void uuidKeysMatchBinaryOrTextDocumentsInUnsignedOrder(boolean binary) {
    try (var f = new Fixture(2)) {
      UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
      UUID mid = UUID.fromString("7fffffff-0000-0000-0000-000000000000");
      UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
      UUID top = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
      UUID orphan = UUID.fromString("ffffffff-ffff-0000-0000-000000000000");
      f.sql(
          "create table items (id uuid primary key, email text, score numeric(10,2))",
          "insert into items values ('"
              + low
              + "','l',1), ('"
              + mid
              + "','m',2), ('"
              + high
              + "','h',3), ('"
              + top
              + "','t',4)");
      var docs = new ArrayList<Document>();
      for (Object[] d :
          new Object[][] {{low, "l", 1}, {mid, "m", 2}, {high, "X", 3}, {orphan, "o", 5}}) {
        Object id = binary ? binary((UUID) d[0]) : d[0].toString();
        docs.add(doc(id, (String) d[1], (Number) d[2]));
      }
      f.docs().insertMany(docs);
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "items",
                  new SourceSpec("items", null, List.of("id"), null),
                  List.of("_id"),
                  2,
                  FIELDS));
      f.compareAll(spec, "c1", Mode.FULL, null);
      f.recheckAll(spec, "c1", Mode.FULL, null);
      assertEquals(
          Set.of(
              "PERSISTENT MISMATCH {\"id\":\"" + high + "\"} [email]",
              "PERSISTENT MISSING {\"id\":\"" + top + "\"} []",
              "PERSISTENT ORPHAN {\"id\":\"" + orphan + "\"} []"),
          f.discrepancies("c1"));
    }
  }

  private static Binary binary(UUID u) {
    return new Binary(
        BsonBinarySubType.UUID_STANDARD,
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits())
            .array());
  }

  @Test
  void aMissingColumnFailsBeforeAnythingIsCompared() {
    try (var f = new Fixture(2)) {
      seedTextKeys(f);
      JobSpec good = textSpec(f);
      JobSpec bad =
          f.here(
              Fixture.spec(
                  "customers",
                  good.source(),
                  List.of("_id"),
                  3,
                  List.of(FieldSpec.of("emial", "email", FieldType.STRING))));
      f.open(bad, "c1", Mode.FULL);
      var planFailure =
          assertThrows(ActivityFailure.class, () -> f.plan(bad, "c1", Mode.FULL, null));
      var cause = (ApplicationFailure) planFailure.getCause();
      assertEquals(FailureType.MISSING_COLUMN.name(), cause.getType());
      assertTrue(
          cause
              .getOriginalMessage()
              .contains(
                  "source column 'emial' (fields[0].source) does not exist in public.customers;"
                      + " columns are: id, email, score, updated_at"),
          cause.getOriginalMessage());
      f.plan(good, "c1", Mode.FULL, null);
      var compareFailure =
          assertThrows(
              ActivityFailure.class,
              () -> f.compare.compareRange(f.range(bad, "c1", 0, Mode.FULL, null)));
      assertEquals(
          FailureType.MISSING_COLUMN.name(),
          ((ApplicationFailure) compareFailure.getCause()).getType());
      assertEquals(0, f.storeCount("select count(*) from recon.discrepancy"));
    }
  }

  @Test
  void aBadQueryFailsAsBadQuery() {
    try (var f = new Fixture(2)) {
      JobSpec spec =
          f.here(
              Fixture.spec(
                  "customers",
                  new SourceSpec(null, "select id, email from nowhere", List.of("id"), null),
                  List.of("_id"),
                  1,
                  List.of(FieldSpec.of("email", "email", FieldType.STRING))));
      f.open(spec, "c1", Mode.FULL);
      var failure = assertThrows(ActivityFailure.class, () -> f.plan(spec, "c1", Mode.FULL, null));
      assertEquals(
          FailureType.BAD_QUERY.name(), ((ApplicationFailure) failure.getCause()).getType());
    }
  }

  @Test
  void aRetriedCompareResumesFromItsHeartbeatWithExactCounts() {
    var failOnce = new AtomicBoolean(true);
    var seen = new ArrayList<Checkpoint>();
    try (var f =
        new Fixture(
            3,
            c -> {
              if (seen.size() >= 1 && failOnce.getAndSet(false)) {
                throw new IllegalStateException("simulated crash after chunk 2");
              }
              seen.add(c);
            })) {
      f.env.setActivityHeartbeatListener(Checkpoint.class, c -> {});
      seedTextKeys(f);
      JobSpec spec = textSpec(f);
      JobSpec one =
          new JobSpec(
              spec.name(),
              spec.owner(),
              null,
              spec.source(),
              spec.target(),
              spec.fields(),
              false,
              null,
              null,
              1,
              1,
              spec.settle(),
              null,
              null,
              null,
              Limits.NONE);
      f.open(one, "c1", Mode.FULL);
      f.plan(one, "c1", Mode.FULL, null);
      var request = f.range(one, "c1", 0, Mode.FULL, null);
      assertThrows(ActivityFailure.class, () -> f.compare.compareRange(request));
      assertTrue(f.storeCount("select count(*) from recon.discrepancy") > 0);
      // Resume from the last checkpoint the failed attempt reached, as a Temporal retry would.
      f.env.setHeartbeatDetails(seen.get(seen.size() - 1));
      DetectedCounts resumed = f.compare.compareRange(request);
      assertEquals(
          new DetectedCounts(
              new Volumes(10, 12, 13), new Findings(1, 3, 2, 0, 0), new Severities(0, 2, 4)),
          resumed);
      assertEquals(6, f.storeCount("select count(*) from recon.discrepancy"));
      assertEquals(
          6, f.storeCount("select count(distinct (key_hash, kind)) from recon.discrepancy"));
    }
  }

  @Test
  void anIncrementalCycleComparesOnlyRowsChangedSinceTheWatermark() {
    try (var f = new Fixture(2)) {
      seedTextKeys(f);
      f.sql(
          "update customers set updated_at = '2020-01-01T00:00:00Z'",
          "update customers set updated_at = '2030-01-01T00:00:00Z' where id in ('a', '_', 'b')");
      JobSpec spec = textSpec(f);
      Instant since = Instant.parse("2025-01-01T00:00:00Z");
      f.open(spec, "c1", Mode.INCREMENTAL);
      assertEquals(3, f.plan(spec, "c1", Mode.INCREMENTAL, since).estimatedSourceRows());
      DetectedCounts c = DetectedCounts.ZERO;
      int ranges = f.plan(spec, "c1", Mode.INCREMENTAL, since).ranges();
      for (int i = 0; i < ranges; i++) {
        c = c.plus(f.compare.compareRange(f.range(spec, "c1", i, Mode.INCREMENTAL, since)));
      }
      assertEquals(3, c.volumes().sourceRecords());
      assertEquals(2, c.volumes().targetRecords());
      f.recheckAll(spec, "c1", Mode.INCREMENTAL, since);
      // 'g' differs too, but did not change; orphans are invisible to an incremental cycle.
      assertEquals(
          Set.of(
              "PERSISTENT MISSING {\"id\":\"_\"} []", "PERSISTENT MISMATCH {\"id\":\"a\"} [email]"),
          f.discrepancies("c1"));
    }
  }
}
