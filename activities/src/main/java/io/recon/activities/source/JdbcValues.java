package io.recon.activities.source;

import io.recon.core.canonical.CanonicalValue;
import io.recon.core.canonical.UnreadableValue;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one column into the Java type the canonicalizer expects: json and citext as text, numeric
 * as BigDecimal, java.time for dates and times, arrays as lists. The driver's defaults (PGobject,
 * java.sql.Timestamp in the JVM's zone) would compare wrongly.
 */
final class JdbcValues {
  private JdbcValues() {}

  /**
   * The value of column {@code i}, whose PostgreSQL type name is {@code type} (lower case). The
   * special values the driver cannot convert ({@code numeric 'NaN'} and {@code 'Infinity'}, which
   * it refuses as BigDecimal, read here as text; {@code infinity} dates and timestamps, which it
   * maps to the MAX and MIN of java.time) come back as their {@link CanonicalValue.Special}. Any
   * other value the driver cannot convert comes back as an {@link UnreadableValue} carrying its
   * text, never as an exception: it is data, and its range goes on.
   */
  static Object read(ResultSet rs, int i, String type) throws SQLException {
    Object value;
    try {
      value = typed(rs, i, type);
    } catch (SQLException | RuntimeException e) {
      // The row is already in memory: a getter that fails on it fails on the value, not the
      // connection, and would fail the same way on every retry.
      return unreadable(rs, i, type, e);
    }
    if (rs.wasNull()) {
      return null;
    }
    CanonicalValue.Special infinite = infinite(value);
    return infinite != null ? infinite : value;
  }

  /**
   * The value of a timestamptz column {@code i} that the driver sends in its binary format, as the
   * canonicalizer needs it: an {@link Instant}, a {@link CanonicalValue.Special} for {@code
   * infinity}, or null. It decodes the driver's 8 bytes itself (microseconds since 2000-01-01 UTC,
   * {@code Long.MAX_VALUE} and {@code MIN_VALUE} for the infinities), the instant {@link #read}
   * builds through an {@code OffsetDateTime} and a calendar; anything else goes to {@link #read}.
   */
  static Object binaryTimestamptz(ResultSet rs, int i) throws SQLException {
    byte[] b = rs.getBytes(i);
    if (b == null) {
      return null;
    }
    if (b.length != 8) {
      return read(rs, i, "timestamptz");
    }
    long micros = 0;
    for (int k = 0; k < 8; k++) {
      micros = micros << 8 | (b[k] & 0xff);
    }
    if (micros == Long.MAX_VALUE) {
      return CanonicalValue.Special.POSITIVE_INFINITY;
    }
    if (micros == Long.MIN_VALUE) {
      return CanonicalValue.Special.NEGATIVE_INFINITY;
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L) + POSTGRES_EPOCH_SECONDS,
        Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /**
   * The value of a numeric column {@code i} that the driver sends in its binary format, as the
   * canonicalizer needs it: the {@link BigDecimal} the driver's {@code getBigDecimal} gives (the
   * same value and scale), decoded here from the wire's base-10000 digits with long arithmetic
   * where the driver goes through {@code BigInteger}s, or null. Anything {@link #numeric} does not
   * decode (NaN, the infinities, more than 18 digits) goes to {@link #read}.
   */
  static Object binaryNumeric(ResultSet rs, int i) throws SQLException {
    byte[] b = rs.getBytes(i);
    if (b == null) {
      return null;
    }
    BigDecimal d = numeric(b);
    return d != null ? d : read(rs, i, "numeric");
  }

  private static final int NUMERIC_POSITIVE = 0x0000;
  private static final int NUMERIC_NEGATIVE = 0x4000;

  /**
   * The finite value of PostgreSQL's binary numeric {@code b} ({@code ndigits, weight, sign,
   * dscale}, each 16 bits, then {@code ndigits} base-10000 digits, the first of weight {@code
   * weight}) at its display scale {@code dscale}, when its unscaled value has at most 18 digits;
   * null for anything else.
   */
  static BigDecimal numeric(byte[] b) {
    if (b.length < 8) {
      return null;
    }
    int ndigits = uint16(b, 0);
    int weight = (short) uint16(b, 2);
    int sign = uint16(b, 4);
    int dscale = uint16(b, 6);
    if (b.length != 8 + 2 * ndigits
        || (sign != NUMERIC_POSITIVE && sign != NUMERIC_NEGATIVE)
        || dscale > 0x3FFF) {
      return null;
    }
    if (ndigits == 0) {
      return BigDecimal.valueOf(0, dscale);
    }
    long unscaled = 0;
    for (int k = 0; k < ndigits; k++) {
      int digit = uint16(b, 8 + 2 * k);
      if (digit > 9999 || unscaled >= 100_000_000_000_000L) {
        return null;
      }
      unscaled = unscaled * 10_000 + digit; // below 10^18
    }
    // The last digit stands for 10^(4 * (weight - ndigits + 1)); the unscaled value counts
    // units of 10^-dscale.
    int shift = 4 * (weight - ndigits + 1) + dscale;
    if (shift > 0) {
      if (shift > 18 || unscaled >= LONG_TENS[18 - shift]) {
        return null; // 18 digits or more
      }
      unscaled *= LONG_TENS[shift];
    } else if (shift < 0) {
      if (shift < -18 || unscaled % LONG_TENS[-shift] != 0) {
        return null; // digits below the display scale: not what PostgreSQL sends
      }
      unscaled /= LONG_TENS[-shift];
    }
    return BigDecimal.valueOf(sign == NUMERIC_NEGATIVE ? -unscaled : unscaled, dscale);
  }

  private static final long[] LONG_TENS = new long[19];

  static {
    LONG_TENS[0] = 1;
    for (int k = 1; k < LONG_TENS.length; k++) {
      LONG_TENS[k] = LONG_TENS[k - 1] * 10;
    }
  }

  private static int uint16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since 1970's. */
  static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

  private static Object typed(ResultSet rs, int i, String type) throws SQLException {
    return switch (type) {
      case "json", "jsonb", "citext" -> rs.getString(i);
      case "numeric" -> rs.getBigDecimal(i);
      case "timestamptz" -> rs.getObject(i, OffsetDateTime.class);
      case "timestamp" -> rs.getObject(i, LocalDateTime.class);
      case "date" -> rs.getObject(i, LocalDate.class);
      default -> type.startsWith("_") ? array(rs.getArray(i)) : rs.getObject(i);
    };
  }

  // pgjdbc maps 'infinity' and '-infinity' to the MAX and MIN of java.time: real values to Java,
  // but no instant either side can compare or write.
  private static CanonicalValue.Special infinite(Object v) {
    if (!(v instanceof Temporal)) {
      return null;
    }
    if (v.equals(LocalDate.MAX) || v.equals(LocalDateTime.MAX) || v.equals(OffsetDateTime.MAX)) {
      return CanonicalValue.Special.POSITIVE_INFINITY;
    }
    if (v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MIN) || v.equals(OffsetDateTime.MIN)) {
      return CanonicalValue.Special.NEGATIVE_INFINITY;
    }
    return null;
  }

  /** PostgreSQL's text of a special numeric, or null for any other text. */
  static CanonicalValue.Special specialNumeric(String text) {
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "NaN" -> CanonicalValue.Special.NAN;
      case "Infinity" -> CanonicalValue.Special.POSITIVE_INFINITY;
      case "-Infinity" -> CanonicalValue.Special.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  private static Object unreadable(ResultSet rs, int i, String type, Exception e)
      throws SQLException {
    String text;
    try {
      text = rs.getString(i);
    } catch (SQLException | RuntimeException again) {
      text = null;
    }
    if (text == null && rs.wasNull()) {
      return null;
    }
    CanonicalValue.Special special = type.equals("numeric") ? specialNumeric(text) : null;
    if (special != null) {
      return special;
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return UnreadableValue.of(type, text, "cannot be read: " + why);
  }

  private static List<Object> array(Array array) throws SQLException {
    if (array == null) {
      return null;
    }
    Object elements = array.getArray();
    return elements instanceof Object[] objects ? toList(objects) : List.of(elements);
  }

  private static List<Object> toList(Object[] objects) {
    var list = new ArrayList<>(objects.length);
    for (Object o : objects) {
      list.add(o instanceof Object[] nested ? toList(nested) : o);
    }
    return list;
  }
}
