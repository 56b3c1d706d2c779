package io.recon.core.compare;

import io.recon.core.canonical.Displays;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.BsonBinarySubType;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/** Turns driver values into key parts of a declared type, or says clearly why not. */
final class KeyParts {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private KeyParts() {}

  static Object fromJdbc(KeyType type, Object value) {
    Object part =
        switch (type) {
          case INTEGER -> integer(value);
          case TEXT -> value instanceof String s ? s : null;
          case UUID -> value instanceof UUID u ? u : uuidText(value);
          case RAW -> null;
        };
    if (part == null) {
      throw new InvalidKeyException("expected " + type + " key part, found " + describe(value));
    }
    return part;
  }

  static Object fromBson(KeyType type, Object value) {
    Object part =
        switch (type) {
          case INTEGER -> bsonInteger(value);
          case TEXT -> value instanceof String s ? s : null;
          case UUID -> value instanceof UUID u ? u : uuidBinary(value);
          case RAW -> null;
        };
    if (part == null) {
      throw new InvalidKeyException("expected " + type + " key part, found " + describe(value));
    }
    return part;
  }

  private static Long integer(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    if (value instanceof BigDecimal d) {
      try {
        return d.longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  // MongoDB's own equality: int32 1, int64 1, double 1.0 and decimal 1 are one _id.
  private static Long bsonInteger(Object value) {
    if (value instanceof Double d) {
      return integralDouble(d);
    }
    if (value instanceof Decimal128 d) {
      if (d.isNaN() || d.isInfinite()) {
        return null;
      }
      try {
        // Through the text, as bigDecimalValue() refuses -0, which MongoDB holds equal to 0.
        return new BigDecimal(d.toString()).longValueExact();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return integer(value);
  }

  private static Long integralDouble(double d) {
    // 2^63 itself is a double but not a long; beyond 2^53 doubles are integral yet rarely keys.
    if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
      return (long) d;
    }
    return null;
  }

  private static UUID uuidText(Object value) {
    return value instanceof String s && UUID_TEXT.matcher(s).matches() ? UUID.fromString(s) : null;
  }

  private static UUID uuidBinary(Object value) {
    if (value instanceof Binary b
        && b.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
        && b.getData().length == 16) {
      ByteBuffer buf = ByteBuffer.wrap(b.getData());
      return new UUID(buf.getLong(), buf.getLong());
    }
    return null;
  }

  static String describe(Object value) {
    return Displays.describe(value);
  }
}
