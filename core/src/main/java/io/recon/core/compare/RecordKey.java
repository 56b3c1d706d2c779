package io.recon.core.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A record's key: a tuple of 1..n parts, each a {@link Long}, {@link String} or {@link UUID}.
 *
 * <p>The order is the one both engines use when asked to sort by the key (text with {@code COLLATE
 * "C"} in PostgreSQL; MongoDB's binary string order): parts left to right, integers numerically,
 * text by code point, UUIDs as unsigned bytes. Keys of different part types are not comparable. In
 * JSON a key travels as its {@link EncodedKey}.
 */
public final class RecordKey implements Comparable<RecordKey> {
  private final List<Object> parts;

  private RecordKey(List<Object> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one part");
    }
    parts.forEach(KeyType::of);
    this.parts = List.copyOf(parts);
  }

  /**
   * Takes {@code parts} as they are: only the builders below call it, with an immutable list whose
   * every part {@link KeyParts} produced (a Long, String or UUID), so neither the check nor the
   * copy of the public constructor is needed. A reader builds one key per record.
   */
  private RecordKey(List<Object> parts, boolean trusted) {
    this.parts = parts;
  }

  /** A key of already normalized parts; Integer and Short are widened to Long. */
  public static RecordKey of(Object... parts) {
    var list = new ArrayList<>(parts.length);
    for (Object p : parts) {
      list.add(p instanceof Integer || p instanceof Short ? ((Number) p).longValue() : p);
    }
    return new RecordKey(list);
  }

  /**
   * A key from JDBC values ({@code ResultSet.getObject}): Integer, Long, Short, integral
   * BigInteger/BigDecimal, String, UUID (or UUID text for a UUID part).
   *
   * @throws InvalidKeyException naming the part that does not fit its declared type
   */
  public static RecordKey fromJdbc(List<KeyType> types, List<?> values) {
    return build(types, values, true);
  }

  /**
   * A key from BSON values: Integer, Long, integral Double, String, UUID, Binary subtype 4.
   *
   * @throws InvalidKeyException naming the part that does not fit its declared type
   */
  public static RecordKey fromBson(List<KeyType> types, List<?> values) {
    return build(types, values, false);
  }

  private static RecordKey build(List<KeyType> types, List<?> values, boolean jdbc) {
    if (types.size() != values.size()) {
      throw new InvalidKeyException(
          "expected " + types.size() + " key parts, found " + values.size());
    }
    int n = types.size();
    if (n == 0) {
      throw new IllegalArgumentException("a key needs at least one part");
    }
    if (n == 1) {
      return new RecordKey(List.of(part(types, values, 0, jdbc)), true);
    }
    var parts = new Object[n];
    for (int i = 0; i < n; i++) {
      parts[i] = part(types, values, i, jdbc);
    }
    return new RecordKey(List.of(parts), true);
  }

  private static Object part(List<KeyType> types, List<?> values, int i, boolean jdbc) {
    try {
      Object v = values.get(i);
      return jdbc ? KeyParts.fromJdbc(types.get(i), v) : KeyParts.fromBson(types.get(i), v);
    } catch (InvalidKeyException e) {
      throw new InvalidKeyException("key part " + i + ": " + e.getMessage());
    }
  }

  /**
   * The key of one integer part, as {@link #fromJdbc} builds it from a Long: what a reader of a
   * table keyed by one bigint column builds per row.
   */
  public static RecordKey ofLong(long part) {
    return new RecordKey(List.of(part), true);
  }

  /** The parts, each a Long, String or UUID. */
  public List<Object> parts() {
    return parts;
  }

  /** The type of each part. */
  public List<KeyType> types() {
    return parts.stream().map(KeyType::of).toList();
  }

  /**
   * A key of {@link RawKeyPart}s: one per part, each the JSON text of the value as read (null for
   * NULL). It names the record of an {@code INVALID_KEY} or foreign-typed {@code ORPHAN}
   * discrepancy.
   */
  public static RecordKey raw(List<String> jsonParts) {
    return new RecordKey(jsonParts.stream().map(j -> (Object) new RawKeyPart(j)).toList());
  }

  /** True if a part is a {@link RawKeyPart}: no record can be read or written by this key. */
  public boolean isRaw() {
    return parts.stream().anyMatch(RawKeyPart.class::isInstance);
  }

  /** Column name to value, for reports; UUIDs as lower-case text, raw parts as their JSON. */
  public Map<String, Object> display(List<String> columns) {
    if (columns.size() != parts.size()) {
      throw new IllegalArgumentException(
          "key has " + parts.size() + " parts but " + columns.size() + " column names");
    }
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < parts.size(); i++) {
      Object p = parts.get(i);
      map.put(
          columns.get(i),
          p instanceof UUID ? p.toString() : p instanceof RawKeyPart r ? rawJson(r) : p);
    }
    return map;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Object rawJson(RawKeyPart part) {
    try {
      return JSON.readTree(part.json());
    } catch (JsonProcessingException e) {
      return part.json();
    }
  }

  @JsonValue
  EncodedKey toJson() {
    return KeyCodec.encode(this);
  }

  @JsonCreator
  static RecordKey fromJson(EncodedKey encoded) {
    return KeyCodec.decode(encoded);
  }

  @Override
  public int compareTo(RecordKey other) {
    int n = Math.min(parts.size(), other.parts.size());
    for (int i = 0; i < n; i++) {
      int c = comparePart(i, parts.get(i), other.parts.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(parts.size(), other.parts.size());
  }

  private static int comparePart(int index, Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return KeyOrder.compareCodePoints(x, y);
    }
    if (a instanceof UUID x && b instanceof UUID y) {
      return KeyOrder.compareUuids(x, y);
    }
    if (a instanceof RawKeyPart x && b instanceof RawKeyPart y) {
      return KeyOrder.compareCodePoints(x.json(), y.json());
    }
    throw new IllegalArgumentException(
        "key part " + index + " mixes types " + KeyType.of(a) + " and " + KeyType.of(b));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordKey k && parts.equals(k.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return parts.size() == 1 ? String.valueOf(parts.get(0)) : parts.toString();
  }
}
