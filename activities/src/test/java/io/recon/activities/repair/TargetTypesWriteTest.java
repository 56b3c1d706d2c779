package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.canonical.CanonicalValue;
import io.recon.core.canonical.Canonicalizer;
import io.recon.core.spec.BsonType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** Which BSON type a repair writes, and the check that what it writes will compare equal. */
class TargetTypesWriteTest {
  private static final FieldSpec AMOUNT =
      new FieldSpec("a", "a", FieldType.DECIMAL, null, null, 2, null, null, null, false);
  private static final FieldSpec BIG = FieldSpec.of("b", "b", FieldType.INTEGER);
  private static final FieldSpec DAY = FieldSpec.of("d", "d", FieldType.DATE);

  @Test
  void theDeclaredTypeWinsThenTheDocumentsOwnThenItsSiblings() {
    var declared =
        new FieldSpec(
            "a", "a", FieldType.DECIMAL, null, null, 2, null, null, null, false, BsonType.INT);
    assertEquals(BsonType.INT, BsonValues.want(declared, 1.5, BsonType.DOUBLE));
    assertEquals(BsonType.DOUBLE, BsonValues.want(AMOUNT, 1.5, BsonType.LONG));
    assertEquals(BsonType.LONG, BsonValues.want(AMOUNT, null, BsonType.LONG));
    // A string in a decimal field is a wrong value, not a type to keep.
    assertEquals(BsonType.LONG, BsonValues.want(AMOUNT, "1.5", BsonType.LONG));
    assertNull(BsonValues.want(AMOUNT, "1.5", BsonType.STRING));
    assertEquals(BsonType.STRING, BsonValues.want(DAY, "2024-01-01", null));
  }

  @Test
  void numbersAreWrittenInTheWantedTypeOrRefused() {
    assertEquals(2.5, BsonValues.of(AMOUNT, new BigDecimal("2.50"), BsonType.DOUBLE));
    assertEquals(Decimal128.parse("2.50"), BsonValues.of(AMOUNT, new BigDecimal("2.5"), null));
    assertEquals(7L, BsonValues.of(BIG, 7, BsonType.LONG));
    assertEquals(7, BsonValues.of(BIG, 7L, BsonType.INT));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> BsonValues.of(BIG, 3_000_000_000L, BsonType.INT));
    assertEquals("3000000000 does not fit int (declare a bsonType)", e.getMessage());
    assertEquals(
        Decimal128.NaN, BsonValues.of(AMOUNT, CanonicalValue.Special.NAN, BsonType.DECIMAL));
    assertTrue(
        Double.isNaN((Double) BsonValues.of(AMOUNT, CanonicalValue.Special.NAN, BsonType.DOUBLE)));
    assertEquals(
        Double.NEGATIVE_INFINITY,
        BsonValues.of(
            FieldSpec.of("x", "x", FieldType.DOUBLE), Double.NEGATIVE_INFINITY, BsonType.DOUBLE));
    var nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> BsonValues.of(AMOUNT, CanonicalValue.Special.NAN, BsonType.LONG));
    assertEquals("NaN has no long form", nan.getMessage());
    assertEquals("2024-01-02", BsonValues.of(DAY, LocalDate.parse("2024-01-02"), BsonType.STRING));
    assertTrue(BsonValues.of(DAY, LocalDate.parse("2024-01-02"), null) instanceof Date);
  }

  @Test
  void aValueThatWouldNotCompareEqualIsRefusedBeforeItIsWritten() {
    long max = Long.MAX_VALUE;
    CanonicalValue source = Canonicalizer.source(BIG, max);
    var e =
        assertThrows(
            RepairWrite.Unwritable.class,
            () -> RepairWrite.bson(BIG, max, source, BsonType.DOUBLE));
    assertEquals(
        "b: 9223372036854775807 written as double reads back as 9223372036854775808, which does"
            + " not equal the source",
        e.getMessage());
    assertEquals(max, RepairWrite.bson(BIG, max, source, BsonType.LONG));
    // 2^53 is exact as a double.
    long exact = 1L << 53;
    assertEquals(
        (double) exact,
        RepairWrite.bson(BIG, exact, Canonicalizer.source(BIG, exact), BsonType.DOUBLE));
    var wide = new BigDecimal("12345678901234567.89");
    var lost =
        assertThrows(
            RepairWrite.Unwritable.class,
            () ->
                RepairWrite.bson(
                    AMOUNT, wide, Canonicalizer.source(AMOUNT, wide), BsonType.DOUBLE));
    assertTrue(
        lost.getMessage().startsWith("a: 12345678901234567.89 written as double"),
        lost.getMessage());
    var ts = FieldSpec.of("t", "t", FieldType.TIMESTAMP);
    var inf =
        assertThrows(
            RepairWrite.Unwritable.class,
            () ->
                RepairWrite.bson(
                    ts,
                    CanonicalValue.Special.POSITIVE_INFINITY,
                    CanonicalValue.Special.POSITIVE_INFINITY,
                    null));
    assertEquals("t: timestamp infinity has no BSON Date form", inf.getMessage());
  }

  @Test
  void aWrongTypedParentIsOwnedOnlyWhenNothingUnmappedLiesBeneathIt() {
    var fields =
        List.of(
            FieldSpec.of("e", "contact.email", FieldType.STRING),
            FieldSpec.of("p", "contact.phone", FieldType.STRING),
            FieldSpec.of("f", "list.0", FieldType.STRING));
    var doc =
        new Document("contact", "a@b")
            .append("nested", new Document("contact", 5))
            .append("list", List.of("x", "y"))
            .append("gone", null);
    var blocker = RepairWrite.blocker(doc, "contact.email");
    assertEquals(new RepairWrite.Blocker("contact", "a@b"), blocker);
    assertNull(RepairWrite.owned(fields, blocker));
    assertEquals(
        new RepairWrite.Blocker("nested.contact", 5), RepairWrite.blocker(doc, "nested.contact.x"));
    assertEquals(new RepairWrite.Blocker("gone", null), RepairWrite.blocker(doc, "gone.x"));
    assertNull(RepairWrite.owned(fields, new RepairWrite.Blocker("gone", null)));
    assertNull(RepairWrite.blocker(doc, "missing.x"));
    // A numeric step indexes an array, so an array is a parent there, and its element may block.
    var rows = new Document("rows", List.of(new Document("v", 1), "flat"));
    assertNull(RepairWrite.blocker(rows, "rows.0.v"));
    assertNull(RepairWrite.blocker(rows, "rows.7.v"));
    assertEquals(new RepairWrite.Blocker("rows.1", "flat"), RepairWrite.blocker(rows, "rows.1.v"));
    assertEquals(
        new RepairWrite.Blocker("rows", rows.get("rows")), RepairWrite.blocker(rows, "rows.v"));
    assertNull(RepairWrite.owned(fields, new RepairWrite.Blocker("contact", List.of())));
    assertEquals(
        "contact.0", RepairWrite.owned(fields, new RepairWrite.Blocker("contact", List.of("a@b"))));
    assertEquals(
        "contact.0.other",
        RepairWrite.owned(
            fields, new RepairWrite.Blocker("contact", List.of(new Document("other", 1)))));
    // An element a field maps is not lost; the next one is.
    assertEquals(
        "list.1", RepairWrite.owned(fields, new RepairWrite.Blocker("list", List.of("x", "y"))));
  }
}
