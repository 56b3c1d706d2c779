package io.recon.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

class RecordKeyTest {
  @Test
  void textKeysSortByCodePointNotByLocaleOrUtf16() {
    List<String> input = List.of("é", "a", "Z", "_", "B", "\uFFFD", "\uD83D\uDE00", "\uFF21");
    List<String> sorted =
        input.stream().map(RecordKey::of).sorted().map(k -> (String) k.parts().get(0)).toList();
    assertEquals(List.of("B", "Z", "_", "a", "é", "\uFF21", "\uFFFD", "\uD83D\uDE00"), sorted);
  }

  @Property
  void textOrderEqualsUtf8ByteOrder(@ForAll String a, @ForAll String b) {
    int expected =
        Integer.signum(
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, Integer.signum(RecordKey.of(a).compareTo(RecordKey.of(b))));
  }

  @Property
  void uuidOrderEqualsLowerCaseHexOrder(
      @ForAll long a1, @ForAll long a2, @ForAll long b1, @ForAll long b2) {
    UUID a = new UUID(a1, a2);
    UUID b = new UUID(b1, b2);
    assertEquals(
        Integer.signum(a.toString().compareTo(b.toString())),
        Integer.signum(RecordKey.of(a).compareTo(RecordKey.of(b))));
  }

  @Test
  void compositeKeysCompareLeftToRight() {
    assertTrue(RecordKey.of(1, "b").compareTo(RecordKey.of(2, "a")) < 0);
    assertTrue(RecordKey.of(1, "a").compareTo(RecordKey.of(1, "b")) < 0);
  }

  @Test
  void bsonKeysOfEveryAllowedRepresentationAgree() {
    UUID u = UUID.randomUUID();
    byte[] bytes =
        ByteBuffer.allocate(16)
            .putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits())
            .array();
    var types = List.of(KeyType.INTEGER, KeyType.UUID);
    RecordKey expected = RecordKey.of(7L, u);
    assertEquals(expected, RecordKey.fromBson(types, List.of(7, u)));
    assertEquals(expected, RecordKey.fromBson(types, List.of(7.0, new Binary((byte) 4, bytes))));
    assertEquals(expected, RecordKey.fromJdbc(types, List.of((short) 7, u.toString())));
  }

  @Test
  void bsonValueThatCannotBeAKeyIsReportedClearly() {
    var e =
        assertThrows(
            InvalidKeyException.class,
            () -> RecordKey.fromBson(List.of(KeyType.INTEGER), List.of("abc")));
    assertEquals("key part 0: expected INTEGER key part, found string \"abc\"", e.getMessage());
    assertThrows(
        InvalidKeyException.class,
        () -> RecordKey.fromBson(List.of(KeyType.INTEGER), List.of(1.5)));
  }

  @Test
  void keysRoundTripThroughCodecAndJackson() throws Exception {
    RecordKey key = RecordKey.of(42L, "ünï", UUID.randomUUID());
    EncodedKey encoded = KeyCodec.encode(key);
    assertEquals(List.of(KeyType.INTEGER, KeyType.TEXT, KeyType.UUID), encoded.types());
    assertEquals(key, KeyCodec.decode(encoded));
    var mapper = new ObjectMapper();
    var range = new KeyRange(key, null);
    assertEquals(range, mapper.readValue(mapper.writeValueAsString(range), KeyRange.class));
  }

  @Test
  void rangeIsHalfOpen() {
    var range = new KeyRange(RecordKey.of(10), RecordKey.of(20));
    assertTrue(range.contains(RecordKey.of(10)));
    assertTrue(range.contains(RecordKey.of(19)));
    assertTrue(!range.contains(RecordKey.of(20)));
    assertTrue(!range.contains(RecordKey.of(9)));
    assertTrue(KeyRange.ALL.contains(RecordKey.of(Long.MIN_VALUE)));
  }

  @Test
  void displayMapsColumnsToValues() {
    UUID u = UUID.randomUUID();
    assertEquals(
        "{tenant=3, id=" + u + "}", RecordKey.of(3, u).display(List.of("tenant", "id")).toString());
  }
}
