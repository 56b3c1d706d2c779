package io.recon.core.canonical;

import static io.recon.core.canonical.EquivalenceCorpusTest.Verdict.DIFFERENT;
import static io.recon.core.canonical.EquivalenceCorpusTest.Verdict.EQUAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.Normalizer;
import io.recon.core.spec.Specs;
import io.recon.core.spec.TimePrecision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every false mismatch and silent miss of GUIDE.md section 2, as one table: a field spec, a JDBC
 * value, a BSON value, and the verdict the comparison must reach.
 */
class EquivalenceCorpusTest {
  enum Verdict {
    EQUAL,
    DIFFERENT
  }

  private static final Object ABSENT = DocumentPaths.ABSENT;
  private static final UUID U = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  private static final Instant T = Instant.parse("2024-03-01T10:15:30.123456Z");

  static Stream<Arguments> corpus() {
    return Stream.of(
        row("float printed differently", dbl(), 12345678.2, 12345678.199999999, EQUAL),
        row("float really different", dbl(), 12345678.2, 12345678.3, DIFFERENT),
        row("float within tolerance", dblTol("0.01"), 10.0, 10.005, EQUAL),
        row("real 0.1f against double 0.1", dbl(), 0.1f, 0.1, EQUAL),
        row("double -0 against 0", dbl(), -0.0, 0.0, EQUAL),
        row(
            "decimal -0 against Decimal128 -0",
            dec(2),
            new BigDecimal("-0.00"),
            Decimal128.parse("-0"),
            EQUAL),
        row("decimal 0 against int 0", dec(2), BigDecimal.ZERO, 0, EQUAL),
        row(
            "decimal 1.5 against 1.50",
            dec(2),
            new BigDecimal("1.5"),
            Decimal128.parse("1.50"),
            EQUAL),
        row("decimal 1.5 against double 1.5", dec(2), new BigDecimal("1.50"), 1.5, EQUAL),
        row(
            "decimal rounds half up at scale",
            dec(2),
            new BigDecimal("2.345"),
            Decimal128.parse("2.35"),
            EQUAL),
        row(
            "decimal beyond scale differs",
            dec(2),
            new BigDecimal("2.34"),
            Decimal128.parse("2.35"),
            DIFFERENT),
        row("decimal within tolerance", decTol(2, "0.01"), new BigDecimal("2.34"), 2.35, EQUAL),
        row("decimal beyond tolerance", decTol(2, "0.01"), new BigDecimal("2.33"), 2.35, DIFFERENT),
        row("integral double 3.0 against int32", integer(), 3, 3.0, EQUAL),
        row("int64 3 against int32 3", integer(), 3L, 3, EQUAL),
        row(
            "bigint 3 against Decimal128 3",
            integer(),
            BigInteger.valueOf(3),
            Decimal128.parse("3"),
            EQUAL),
        row("integer field holding 3.5", integer(), 3L, 3.5, DIFFERENT),
        row("integer field holding string 3", integer(), 3L, "3", DIFFERENT),
        row("integer really different", integer(), 3L, 4L, DIFFERENT),
        row("micros against millis at millis", ts(TimePrecision.MILLIS), T, Date.from(T), EQUAL),
        row("micros against millis at micros", ts(TimePrecision.MICROS), T, Date.from(T), EQUAL),
        row(
            "micros against micros at micros",
            ts(TimePrecision.MICROS),
            T,
            T.minusNanos(1000).toString(),
            DIFFERENT),
        row(
            "millis really different",
            ts(TimePrecision.MILLIS),
            T,
            Date.from(T.plusMillis(1)),
            DIFFERENT),
        row(
            "sub-second noise at seconds",
            ts(TimePrecision.SECONDS),
            T,
            Date.from(T.minusMillis(100)),
            EQUAL),
        row(
            "same instant other offset",
            ts(TimePrecision.MILLIS),
            OffsetDateTime.parse("2024-03-01T12:15:30.123+02:00"),
            Date.from(Instant.parse("2024-03-01T10:15:30.123Z")),
            EQUAL),
        row(
            "ISO string in target",
            ts(TimePrecision.MILLIS),
            T,
            "2024-03-01T11:15:30.123+01:00",
            EQUAL),
        row(
            "without time zone in declared zone",
            tsZone("Europe/Paris"),
            LocalDateTime.parse("2024-03-01T11:15:30.123"),
            Date.from(Instant.parse("2024-03-01T10:15:30.123Z")),
            EQUAL),
        row(
            "without time zone read as UTC",
            ts(TimePrecision.MILLIS),
            LocalDateTime.parse("2024-03-01T11:15:30.123"),
            Date.from(Instant.parse("2024-03-01T10:15:30.123Z")),
            DIFFERENT),
        row("string where timestamp belongs", ts(TimePrecision.MILLIS), T, "abc", DIFFERENT),
        row(
            "number where timestamp belongs",
            ts(TimePrecision.MILLIS),
            T,
            T.toEpochMilli(),
            DIFFERENT),
        row(
            "date against BSON midnight",
            date(),
            LocalDate.parse("2024-03-01"),
            Date.from(Instant.parse("2024-03-01T00:00:00Z")),
            EQUAL),
        row(
            "sql date against ISO date",
            date(),
            java.sql.Date.valueOf("2024-03-01"),
            "2024-03-01",
            EQUAL),
        row("date off by a day", date(), LocalDate.parse("2024-03-01"), "2024-03-02", DIFFERENT),
        row("CHAR padding without trim", str(), "abc  ", "abc", DIFFERENT),
        row("CHAR padding with trim", str(Normalizer.TRIM), "abc  ", "abc", EQUAL),
        row("case without rule", str(), "Alice@X.org", "alice@x.org", DIFFERENT),
        row("case with lowercase", str(Normalizer.LOWERCASE), "Alice@X.org", "alice@x.org", EQUAL),
        row("whitespace without rule", str(), "a  b", "a b", DIFFERENT),
        row("whitespace collapsed", str(Normalizer.COLLAPSE_WHITESPACE), "a \t b", "a b", EQUAL),
        row("NFD against NFC with nfc", str(Normalizer.NFC), "e\u0301", "\u00e9", EQUAL),
        row("NFD against NFC without rule", str(), "e\u0301", "\u00e9", DIFFERENT),
        row("string field holding a number", str(), "42", 42, DIFFERENT),
        row("uuid against Binary subtype 4", uuid(), U, new Binary((byte) 4, bytes(U)), EQUAL),
        row(
            "uuid against legacy subtype 3",
            uuid(),
            U,
            new Binary((byte) 3, legacyBytes(U)),
            EQUAL),
        row("uuid against upper-case text", uuid(), U, U.toString().toUpperCase(), EQUAL),
        row("uuid against ObjectId", uuid(), U, new ObjectId(), DIFFERENT),
        row("boolean equal", bool(), true, true, EQUAL),
        row("boolean against int 1", bool(), true, 1, DIFFERENT),
        row(
            "json key order",
            json(false),
            "{\"a\":1,\"b\":{\"x\":[1,2],\"y\":null}}",
            new Document("b", new Document("y", null).append("x", List.of(1, 2))).append("a", 1),
            EQUAL),
        row("json 1 against 1.0", json(false), "{\"n\":1}", new Document("n", 1.0), EQUAL),
        row("json array order kept", json(false), "[1,2,3]", List.of(3, 2, 1), DIFFERENT),
        row(
            "json array order ignored",
            json(true),
            "[1,2,{\"a\":[5,4]}]",
            List.of(Map.of("a", List.of(4, 5)), 2, 1),
            EQUAL),
        row("json multiset counts", json(true), "[1,1,2]", List.of(1, 2, 2), DIFFERENT),
        row("json array where object belongs", json(false), "{\"a\":1}", List.of(1), DIFFERENT),
        row("json string scalar", json(false), "\"abc\"", "abc", EQUAL),
        row("json invalid source text", json(false), "{oops", new Document(), DIFFERENT),
        row("null against absent when equal", str(), null, ABSENT, EQUAL),
        row("null against null", str(), null, null, EQUAL),
        row("value against absent", str(), "x", ABSENT, DIFFERENT),
        row("value against null", str(), "x", null, DIFFERENT));
  }

  private static final CanonicalValue.Special PG_NAN = CanonicalValue.Special.NAN;
  private static final CanonicalValue.Special PG_INF = CanonicalValue.Special.POSITIVE_INFINITY;
  private static final CanonicalValue.Special PG_NINF = CanonicalValue.Special.NEGATIVE_INFINITY;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final Decimal128 DEC_MAX =
      Decimal128.parse("9.999999999999999999999999999999999E+6144");

  /**
   * NaN and the infinities, and values at the edge of what a type holds (issue 12). The PG_* values
   * are what the source reader hands over for PostgreSQL {@code numeric 'NaN'}, {@code 'Infinity'}
   * and {@code infinity} dates and timestamps, which the driver cannot convert.
   */
  static Stream<Arguments> specialCorpus() {
    long max = Long.MAX_VALUE;
    return Stream.of(
        row("double NaN against NaN", dbl(), Double.NaN, Double.NaN, EQUAL),
        row("double Infinity against Infinity", dbl(), INF, INF, EQUAL),
        row("double -Infinity against -Infinity", dbl(), -INF, -INF, EQUAL),
        row("double Infinity against -Infinity", dbl(), INF, -INF, DIFFERENT),
        row("double NaN against Infinity", dbl(), Double.NaN, INF, DIFFERENT),
        row("double NaN against 0", dbl(), Double.NaN, 0.0, DIFFERENT),
        row("double 0 against NaN", dbl(), 0.0, Double.NaN, DIFFERENT),
        row("double Infinity against MAX_VALUE", dbl(), INF, Double.MAX_VALUE, DIFFERENT),
        row("double MAX_VALUE against Infinity", dbl(), Double.MAX_VALUE, INF, DIFFERENT),
        row("double -Infinity against -MAX_VALUE", dbl(), -INF, -Double.MAX_VALUE, DIFFERENT),
        row("double MAX_VALUE against MAX_VALUE", dbl(), Double.MAX_VALUE, Double.MAX_VALUE, EQUAL),
        row("double NaN against null", dbl(), Double.NaN, null, DIFFERENT),
        row("double null against NaN", dbl(), null, Double.NaN, DIFFERENT),
        row("double NaN against absent", dbl(), Double.NaN, ABSENT, DIFFERENT),
        row("double NaN against string NaN", dbl(), Double.NaN, "NaN", DIFFERENT),
        row("double NaN within a huge tolerance of 1", dblTol("1e300"), Double.NaN, 1.0, DIFFERENT),
        row(
            "double Infinity within tolerance of MAX",
            dblTol("1e300"),
            INF,
            Double.MAX_VALUE,
            DIFFERENT),
        row("real NaN against double NaN", dbl(), Float.NaN, Double.NaN, EQUAL),
        row("real Infinity against double Infinity", dbl(), Float.POSITIVE_INFINITY, INF, EQUAL),
        row("numeric NaN against double NaN in a double field", dbl(), PG_NAN, Double.NaN, EQUAL),
        row(
            "numeric NaN against Decimal128 NaN in a double field",
            dbl(),
            PG_NAN,
            Decimal128.NaN,
            EQUAL),
        row("numeric NaN against double NaN in a decimal field", dec(2), PG_NAN, Double.NaN, EQUAL),
        row("numeric NaN against Decimal128 NaN", dec(2), PG_NAN, Decimal128.NaN, EQUAL),
        row("numeric NaN against Decimal128 -NaN", dec(2), PG_NAN, Decimal128.NEGATIVE_NaN, EQUAL),
        row(
            "numeric Infinity against Decimal128 Infinity",
            dec(2),
            PG_INF,
            Decimal128.POSITIVE_INFINITY,
            EQUAL),
        row("numeric Infinity against double Infinity", dec(2), PG_INF, INF, EQUAL),
        row("numeric -Infinity against double -Infinity", dec(2), PG_NINF, -INF, EQUAL),
        row(
            "numeric -Infinity against Decimal128 Infinity",
            dec(2),
            PG_NINF,
            Decimal128.POSITIVE_INFINITY,
            DIFFERENT),
        row("numeric NaN against Decimal128 0", dec(2), PG_NAN, Decimal128.parse("0"), DIFFERENT),
        row("numeric 0 against Decimal128 NaN", dec(2), BigDecimal.ZERO, Decimal128.NaN, DIFFERENT),
        row("numeric Infinity against the largest Decimal128", dec(2), PG_INF, DEC_MAX, DIFFERENT),
        row("numeric NaN within tolerance of 0", decTol(2, "1000"), PG_NAN, 0, DIFFERENT),
        row("numeric NaN against null", dec(2), PG_NAN, null, DIFFERENT),
        row("integer 0 against double NaN", integer(), 0L, Double.NaN, DIFFERENT),
        row("integer max against double Infinity", integer(), max, INF, DIFFERENT),
        row(
            "timestamp infinity against the last BSON Date",
            ts(TimePrecision.MILLIS),
            PG_INF,
            new Date(Long.MAX_VALUE),
            DIFFERENT),
        row(
            "timestamp -infinity against the first BSON Date",
            ts(TimePrecision.MILLIS),
            PG_NINF,
            new Date(Long.MIN_VALUE),
            DIFFERENT),
        row(
            "timestamp infinity against text infinity",
            ts(TimePrecision.MILLIS),
            PG_INF,
            "infinity",
            DIFFERENT),
        row(
            "timestamp infinity against absent",
            ts(TimePrecision.MILLIS),
            PG_INF,
            ABSENT,
            DIFFERENT),
        row(
            "timestamp infinity against double Infinity",
            ts(TimePrecision.MILLIS),
            PG_INF,
            INF,
            DIFFERENT),
        row(
            "date infinity against a Date in year 294277",
            date(),
            PG_INF,
            Date.from(LocalDate.parse("+294277-01-01").atStartOfDay().toInstant(ZoneOffset.UTC)),
            DIFFERENT),
        row("date -infinity against text -infinity", date(), PG_NINF, "-infinity", DIFFERENT),
        row(
            "date -infinity against the first BSON Date",
            date(),
            PG_NINF,
            new Date(Long.MIN_VALUE),
            DIFFERENT),
        row("int64 max against int64 max", integer(), max, max, EQUAL),
        row(
            "int64 max against Decimal128 of it",
            integer(),
            max,
            Decimal128.parse("9223372036854775807"),
            EQUAL),
        row("int64 max against the nearest double", integer(), max, (double) max, DIFFERENT),
        row(
            "int64 min against the nearest double",
            integer(),
            Long.MIN_VALUE,
            (double) Long.MIN_VALUE,
            EQUAL),
        row("2^53 against double 2^53", integer(), 1L << 53, (double) (1L << 53), EQUAL),
        row(
            "2^53+1 against double 2^53",
            integer(),
            (1L << 53) + 1,
            (double) (1L << 53),
            DIFFERENT),
        row(
            "bigint 2^64 against Decimal128 2^64",
            integer(),
            BigInteger.ONE.shiftLeft(64),
            Decimal128.parse("18446744073709551616"),
            EQUAL),
        row(
            "bigint 2^64 against int64 max",
            integer(),
            BigInteger.ONE.shiftLeft(64),
            max,
            DIFFERENT),
        row("int64 max in a double field against its double", dbl(), max, (double) max, EQUAL),
        row(
            "2^53+1 in a double field against double 2^53",
            dbl(),
            (1L << 53) + 1,
            (double) (1L << 53),
            EQUAL),
        row(
            "34-digit decimal against Decimal128",
            dec(0),
            new BigDecimal("1234567890123456789012345678901234"),
            Decimal128.parse("1234567890123456789012345678901234"),
            EQUAL),
        row(
            "35-digit decimal against the 34-digit Decimal128",
            dec(0),
            new BigDecimal("12345678901234567890123456789012345"),
            Decimal128.parse("1234567890123456789012345678901234E1"),
            DIFFERENT),
        row(
            "decimal beyond a double's digits against that double",
            dec(2),
            new BigDecimal("12345678901234567.89"),
            12345678901234567.89,
            DIFFERENT),
        row("decimal 0.1 against double 0.1", dec(2), new BigDecimal("0.10"), 0.1, EQUAL),
        row(
            "the last PostgreSQL timestamp against its Date",
            ts(TimePrecision.MILLIS),
            LocalDateTime.parse("+294276-12-31T23:59:59.999999"),
            Date.from(Instant.parse("+294276-12-31T23:59:59.999Z")),
            EQUAL),
        row(
            "the last PostgreSQL timestamp against a milli before",
            ts(TimePrecision.MILLIS),
            LocalDateTime.parse("+294276-12-31T23:59:59.999999"),
            Date.from(Instant.parse("+294276-12-31T23:59:59.998Z")),
            DIFFERENT),
        row(
            "a timestamp 4713 BC against its Date",
            ts(TimePrecision.MILLIS),
            LocalDateTime.parse("-4712-01-01T00:00:00"),
            Date.from(Instant.parse("-4712-01-01T00:00:00Z")),
            EQUAL),
        row(
            "date in year 294277 against its Date",
            date(),
            LocalDate.parse("+294277-01-01"),
            Date.from(LocalDate.parse("+294277-01-01").atStartOfDay().toInstant(ZoneOffset.UTC)),
            EQUAL),
        row(
            "date in year 294277 against the day before",
            date(),
            LocalDate.parse("+294277-01-01"),
            "+294276-12-31",
            DIFFERENT),
        row(
            "date 4713 BC against its Date",
            date(),
            LocalDate.parse("-4712-01-01"),
            Date.from(LocalDate.parse("-4712-01-01").atStartOfDay().toInstant(ZoneOffset.UTC)),
            EQUAL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specialCorpus")
  void specialCaseReachesItsVerdict(
      String name, FieldSpec field, Object source, Object target, Verdict expected) {
    assertEquals(expected, verdict(true, field, source, target), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specialCorpus")
  void specialCaseHashesNeverContradictTheVerdict(
      String name, FieldSpec field, Object source, Object target, Verdict expected) {
    equalHashesNeverContradictTheVerdict(name, field, source, target, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void corpusCaseReachesItsVerdict(
      String name, FieldSpec field, Object source, Object target, Verdict expected) {
    assertEquals(expected, verdict(true, field, source, target), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void equalHashesNeverContradictTheVerdict(
      String name, FieldSpec field, Object source, Object target, Verdict expected) {
    var spec = Specs.job(true, field);
    var c = new RecordCanonicalizer(spec);
    var s = c.source(RecordKey.of(1), new Object[] {source});
    var t = c.target(RecordKey.of(1), doc(field, target));
    if (expected == DIFFERENT) {
      assertEquals(false, s.hashHex().equals(t.hashHex()), name);
    }
  }

  @org.junit.jupiter.api.Test
  void nullAgainstAbsentDiffersWhenTheSpecSaysSo() {
    assertEquals(DIFFERENT, verdict(false, str(), null, ABSENT));
    assertEquals(EQUAL, verdict(false, str(), null, null));
  }

  @org.junit.jupiter.api.Test
  void concatenationAcrossFieldsIsNotAmbiguous() {
    var spec = Specs.job(true, str("a", "a"), str("b", "b"));
    var c = new RecordCanonicalizer(spec);
    var s = c.source(RecordKey.of(1), new Object[] {"ab", "c"});
    var t = c.target(RecordKey.of(1), new Document("a", "a").append("b", "bc"));
    assertEquals(false, s.hashHex().equals(t.hashHex()));
    assertEquals(2, new RecordComparator(spec).diff(s, t).size());
  }

  @org.junit.jupiter.api.Test
  void wrongParentTypeIsAMismatchNotAnException() {
    var spec = Specs.job(true, str("email", "contact.email"));
    var c = new RecordCanonicalizer(spec);
    var s = c.source(RecordKey.of(1), new Object[] {"a@b"});
    var t = c.target(RecordKey.of(1), new Document("contact", "a@b"));
    var diffs = new RecordComparator(spec).diff(s, t);
    assertEquals("<string \"a@b\" at contact, expected object>", diffs.get(0).targetDisplay());
  }

  static Verdict verdict(boolean nullEqualsAbsent, FieldSpec field, Object source, Object target) {
    var spec = Specs.job(nullEqualsAbsent, field);
    var c = new RecordCanonicalizer(spec);
    var s = c.source(RecordKey.of(1), new Object[] {source});
    var t = c.target(RecordKey.of(1), doc(field, target));
    return new RecordComparator(spec).diff(s, t).isEmpty() ? EQUAL : DIFFERENT;
  }

  private static Document doc(FieldSpec field, Object target) {
    var doc = new Document("_id", 1);
    if (target != ABSENT) {
      doc.append(field.target(), target);
    }
    return doc;
  }

  private static Arguments row(String name, FieldSpec f, Object s, Object t, Verdict v) {
    return Arguments.of(name, f, s, t, v);
  }

  private static FieldSpec str(Normalizer... rules) {
    return new FieldSpec(
        "v", "v", FieldType.STRING, List.of(rules), null, null, null, null, null, false);
  }

  private static FieldSpec str(String source, String target) {
    return FieldSpec.of(source, target, FieldType.STRING);
  }

  private static FieldSpec dbl() {
    return FieldSpec.of("v", "v", FieldType.DOUBLE);
  }

  private static FieldSpec dblTol(String tolerance) {
    return new FieldSpec(
        "v", "v", FieldType.DOUBLE, null, null, null, new BigDecimal(tolerance), null, null, false);
  }

  private static FieldSpec dec(int scale) {
    return decTol(scale, null);
  }

  private static FieldSpec decTol(int scale, String tolerance) {
    return new FieldSpec(
        "v",
        "v",
        FieldType.DECIMAL,
        null,
        null,
        scale,
        tolerance == null ? null : new BigDecimal(tolerance),
        null,
        null,
        false);
  }

  private static FieldSpec integer() {
    return FieldSpec.of("v", "v", FieldType.INTEGER);
  }

  private static FieldSpec ts(TimePrecision precision) {
    return new FieldSpec(
        "v", "v", FieldType.TIMESTAMP, null, null, null, null, precision, null, false);
  }

  private static FieldSpec tsZone(String zone) {
    return new FieldSpec("v", "v", FieldType.TIMESTAMP, null, null, null, null, null, zone, false);
  }

  private static FieldSpec date() {
    return FieldSpec.of("v", "v", FieldType.DATE);
  }

  private static FieldSpec uuid() {
    return FieldSpec.of("v", "v", FieldType.UUID);
  }

  private static FieldSpec bool() {
    return FieldSpec.of("v", "v", FieldType.BOOLEAN);
  }

  private static FieldSpec json(boolean unorderedArrays) {
    return new FieldSpec(
        "v", "v", FieldType.JSON, null, null, null, null, null, null, unorderedArrays);
  }

  static byte[] bytes(UUID u) {
    return ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }

  private static byte[] legacyBytes(UUID u) {
    return ByteBuffer.allocate(16)
        .putLong(Long.reverseBytes(u.getMostSignificantBits()))
        .putLong(Long.reverseBytes(u.getLeastSignificantBits()))
        .array();
  }
}
