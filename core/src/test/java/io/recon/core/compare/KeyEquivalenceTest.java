package io.recon.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which BSON and JDBC values are the same key: MongoDB's own equality for numbers (int32, int64,
 * integral double and decimal are one {@code _id}), and nothing else. A value of another type, or a
 * NULL, is no key of the declared type and must be refused by name, never coerced.
 */
class KeyEquivalenceTest {
  private static final List<KeyType> INT = List.of(KeyType.INTEGER);

  @Property
  void numericallyEqualBsonKeysOfEveryNumericTypeAreOneKey(
      @ForAll @LongRange(min = -(1L << 53), max = 1L << 53) long n) {
    RecordKey expected = RecordKey.of(n);
    List<Object> forms =
        Stream.<Object>of(n, (double) n, new Decimal128(n), Decimal128.parse(n + ".000")).toList();
    for (Object form : forms) {
      assertEquals(expected, RecordKey.fromBson(INT, List.of(form)), () -> form.toString());
    }
    if (n == (int) n) {
      assertEquals(expected, RecordKey.fromBson(INT, List.of((int) n)));
    }
    assertEquals(expected, RecordKey.fromJdbc(INT, List.of(BigDecimal.valueOf(n))));
  }

  @Property
  void aKeyOfAnotherTypeIsNeverTheSameKey(@ForAll long n) {
    RecordKey integer = RecordKey.of(n);
    RecordKey text = RecordKey.of(String.valueOf(n));
    assertNotEquals(integer, text);
    assertNotEquals(KeyCodec.encode(integer), KeyCodec.encode(text));
    assertThrows(
        InvalidKeyException.class, () -> RecordKey.fromBson(INT, List.of(String.valueOf(n))));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("string where integers are declared", "1", "string \"1\""),
        Arguments.of("non-integral double", 1.5, "double 1.5"),
        Arguments.of("NaN", Double.NaN, "double NaN"),
        Arguments.of("double beyond int64", 0x1p63, "double 9.223372036854776E18"),
        Arguments.of("non-integral decimal", Decimal128.parse("1.5"), "decimal128 1.5"),
        Arguments.of("decimal NaN", Decimal128.NaN, "decimal128 NaN"),
        Arguments.of("boolean", true, "boolean true"),
        Arguments.of("ObjectId", new ObjectId("64b7f0c2a1b2c3d4e5f60718"), "objectid"),
        Arguments.of("NULL", null, "null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void aValueThatIsNoIntegerKeyIsRefusedNamingIt(String name, Object value, String described) {
    var e =
        assertThrows(
            InvalidKeyException.class,
            () -> RecordKey.fromBson(INT, Collections.singletonList(value)));
    assertTrue(e.getMessage().contains("found " + described), e.getMessage());
  }

  @Test
  void aNullSourceKeyPartIsRefusedNamingThePart() {
    var e =
        assertThrows(
            InvalidKeyException.class,
            () ->
                RecordKey.fromJdbc(
                    List.of(KeyType.TEXT, KeyType.INTEGER), Arrays.asList("eu", null)));
    assertEquals("key part 1: expected INTEGER key part, found null", e.getMessage());
  }

  @Test
  void decimalNegativeZeroIsTheKeyZero() {
    assertEquals(RecordKey.of(0L), RecordKey.fromBson(INT, List.of(Decimal128.NEGATIVE_ZERO)));
    assertEquals(RecordKey.of(0L), RecordKey.fromBson(INT, List.of(-0.0)));
  }

  @Test
  void rawKeysRoundTripStayApartFromTypedKeysAndDisplayTheirValue() throws Exception {
    RecordKey sourceNull = RecordKey.raw(List.of("NULL"));
    RecordKey targetNull = RecordKey.raw(List.of("null"));
    RecordKey foreign = RecordKey.raw(List.of("\"1\""));
    assertTrue(sourceNull.isRaw());
    assertFalse(RecordKey.of(1L).isRaw());
    assertNotEquals(sourceNull, targetNull);
    assertNotEquals(RecordKey.of("\"1\""), foreign);
    for (RecordKey k :
        List.of(sourceNull, targetNull, foreign, RecordKey.raw(List.of("7", "null")))) {
      assertEquals(k, KeyCodec.decode(KeyCodec.encode(k)));
      var mapper = new ObjectMapper();
      assertEquals(k, mapper.readValue(mapper.writeValueAsString(k), RecordKey.class));
    }
    var mapper = new ObjectMapper();
    assertEquals("{\"id\":\"1\"}", mapper.writeValueAsString(foreign.display(List.of("id"))));
    assertEquals("{\"id\":null}", mapper.writeValueAsString(targetNull.display(List.of("id"))));
    assertEquals("{\"id\":\"NULL\"}", mapper.writeValueAsString(sourceNull.display(List.of("id"))));
  }

  @Test
  void invalidKeyAndForeignOrphanDetailsNameSideCountAndType() {
    var d =
        Discrepancy.invalidKey(
            RecordKey.raw(List.of("NULL")), "source", 3, "NULL in key column id");
    assertEquals(DiscrepancyKind.INVALID_KEY, d.kind());
    assertEquals(
        "INVALID_KEY: 3 source rows have NULL in key column id; such a record matches nothing"
            + " and is never repaired",
        d.detail());
    var o =
        Discrepancy.foreignOrphan(
            RecordKey.raw(List.of("\"1\"")),
            io.recon.core.spec.Severity.MEDIUM,
            1,
            "_id is a string \"1\" where the key is INTEGER");
    assertEquals(DiscrepancyKind.ORPHAN, o.kind());
    assertTrue(o.detail().startsWith(Discrepancy.FOREIGN_TYPE));
    assertTrue(o.detail().contains("string \"1\""));
  }
}
