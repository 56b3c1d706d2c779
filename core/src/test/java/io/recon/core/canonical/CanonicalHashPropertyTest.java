package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Specs;
import io.recon.core.spec.TimePrecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.bson.Document;
import org.bson.types.Decimal128;

/** The record hash ignores representation and changes with meaning. */
class CanonicalHashPropertyTest {
  private static final RecordKey KEY = RecordKey.of(1);

  @Property
  void hashIgnoresDocumentKeyOrder(
      @ForAll @Size(min = 1, max = 8)
          Map<@StringLength(min = 1, max = 5) String, Integer> entries) {
    var field = FieldSpec.of("j", "j", FieldType.JSON);
    var keys = new ArrayList<>(entries.keySet());
    var forward = new Document();
    keys.forEach(k -> forward.append(k, entries.get(k)));
    Collections.reverse(keys);
    var backward = new Document();
    keys.forEach(k -> backward.append(k, entries.get(k)));
    assertEquals(target(field, forward), target(field, backward));
    assertEquals(source(field, Document.parse(forward.toJson()).toJson()), target(field, backward));
  }

  @Property
  void hashIgnoresIntegerRepresentation(@ForAll int value) {
    var field = FieldSpec.of("n", "n", FieldType.INTEGER);
    String hash = source(field, (long) value);
    assertEquals(hash, target(field, value));
    assertEquals(hash, target(field, (long) value));
    assertEquals(hash, target(field, (double) value));
  }

  @Property
  void hashIgnoresDecimalTrailingZeros(
      @ForAll @LongRange(min = -1_000_000_000, max = 1_000_000_000) long unscaled,
      @ForAll @IntRange(min = 0, max = 4) int scale,
      @ForAll @IntRange(min = 1, max = 4) int extraZeros) {
    var field = new FieldSpec("d", "d", FieldType.DECIMAL, null, null, 4, null, null, null, false);
    BigDecimal value = BigDecimal.valueOf(unscaled, scale);
    assertEquals(source(field, value), target(field, value.setScale(scale + extraZeros)));
  }

  @Property
  void hashIgnoresTheZoneOfAnInstant(
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis,
      @ForAll @IntRange(min = -18 * 3600, max = 18 * 3600) int offsetSeconds) {
    var field = FieldSpec.of("t", "t", FieldType.TIMESTAMP);
    Instant instant = Instant.ofEpochMilli(millis);
    var local = OffsetDateTime.ofInstant(instant, ZoneOffset.ofTotalSeconds(offsetSeconds));
    assertEquals(source(field, local), target(field, Date.from(instant)));
  }

  @Property
  void hashIgnoresMicrosBelowMillisPrecision(
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis,
      @ForAll @IntRange(min = 0, max = 999) int micros) {
    var field = FieldSpec.of("t", "t", FieldType.TIMESTAMP);
    Instant noisy = Instant.ofEpochMilli(millis).plusNanos(micros * 1000L);
    assertEquals(source(field, noisy), target(field, new Date(millis)));
  }

  @Property
  void hashChangesWhenAnyComparedValueChanges(
      @ForAll String text,
      @ForAll long number,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis,
      @ForAll @IntRange(min = 0, max = 2) int changed) {
    JobSpec spec =
        Specs.job(
            true,
            FieldSpec.of("s", "s", FieldType.STRING),
            FieldSpec.of("n", "n", FieldType.INTEGER),
            new FieldSpec(
                "t",
                "t",
                FieldType.TIMESTAMP,
                null,
                null,
                null,
                null,
                TimePrecision.MILLIS,
                null,
                false));
    var c = new RecordCanonicalizer(spec);
    Object[] values = {text, number, Instant.ofEpochMilli(millis)};
    var doc = new Document("s", text).append("n", number).append("t", new Date(millis));
    switch (changed) {
      case 0 -> doc.put("s", text + "x");
      case 1 -> doc.put("n", number + 1);
      default -> doc.put("t", new Date(millis + 1));
    }
    var s = c.source(KEY, values);
    var t = c.target(KEY, doc);
    assertNotEquals(s.hashHex(), t.hashHex());
    assertEquals(1, new RecordComparator(spec).diff(s, t).size());
    // The per-field hashes name the same field, and only that one.
    for (int i = 0; i < 3; i++) {
      assertEquals(i != changed, s.fieldHashes().get(i).equals(t.fieldHashes().get(i)));
    }
  }

  @Property
  void specialNumbersEqualThemselvesAndNoFiniteValue(
      @ForAll @IntRange(min = 0, max = 2) int which, @ForAll double finite) {
    double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double special = specials[which];
    Decimal128[] decimals = {
      Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_INFINITY
    };
    for (FieldSpec field :
        List.of(
            FieldSpec.of("d", "d", FieldType.DOUBLE),
            new FieldSpec("d", "d", FieldType.DECIMAL, null, null, 2, null, null, null, false))) {
      Object fromSource =
          field.type() == FieldType.DOUBLE ? special : CanonicalValue.Special.values()[which];
      assertEquals(source(field, fromSource), target(field, special));
      assertEquals(source(field, fromSource), target(field, decimals[which]));
      assertTrue(diff(field, fromSource, special).isEmpty());
      assertEquals(1, diff(field, fromSource, decimals[(which + 1) % 3]).size());
      if (!Double.isNaN(finite) && !Double.isInfinite(finite)) {
        assertNotEquals(source(field, fromSource), target(field, finite));
        assertEquals(1, diff(field, fromSource, finite).size());
        assertEquals(
            1,
            diff(
                    field,
                    field.type() == FieldType.DOUBLE
                        ? finite
                        : new BigDecimal(Double.toString(finite)),
                    special)
                .size());
      }
    }
  }

  @Property
  void instantsBeyondYear9999CompareAsInstants(
      @ForAll @LongRange(min = -210_000_000_000_000L, max = 9_200_000_000_000_000L) long millis,
      @ForAll @IntRange(min = 0, max = 999) int micros) {
    // From 4713 BC to PostgreSQL's last timestamp (294276 AD), all within a BSON Date.
    var field = FieldSpec.of("t", "t", FieldType.TIMESTAMP);
    Instant instant = Instant.ofEpochMilli(millis).plusNanos(micros * 1000L);
    var local = java.time.LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    assertEquals(source(field, local), target(field, new Date(millis)));
    assertEquals(1, diff(field, local, new Date(millis + 1)).size());
    var day = FieldSpec.of("d", "d", FieldType.DATE);
    var date = local.toLocalDate();
    var midnight = Date.from(date.atStartOfDay().toInstant(ZoneOffset.UTC));
    assertEquals(source(day, date), target(day, midnight));
    assertEquals(1, diff(day, date.plusDays(1), midnight).size());
    assertEquals(1, diff(day, CanonicalValue.Special.POSITIVE_INFINITY, midnight).size());
    assertEquals(1, diff(field, CanonicalValue.Special.NEGATIVE_INFINITY, new Date(millis)).size());
  }

  private static java.util.List<FieldDiff> diff(FieldSpec field, Object source, Object target) {
    var spec = Specs.job(true, field);
    var c = new RecordCanonicalizer(spec);
    return new RecordComparator(spec)
        .diff(
            c.source(KEY, new Object[] {source}),
            c.target(KEY, new Document(field.target(), target)));
  }

  private static String source(FieldSpec field, Object value) {
    return new RecordCanonicalizer(Specs.job(true, field))
        .source(KEY, new Object[] {value})
        .hashHex();
  }

  private static String target(FieldSpec field, Object value) {
    return new RecordCanonicalizer(Specs.job(true, field))
        .target(KEY, new Document(field.target(), value))
        .hashHex();
  }
}
