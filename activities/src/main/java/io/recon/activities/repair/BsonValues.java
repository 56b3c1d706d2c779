package io.recon.activities.repair;

import io.recon.activities.mongo.TargetKeys;
import io.recon.core.spec.FieldSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * Converts a source value (as {@code JdbcValues} reads it) into the BSON value a mapped field
 * holds: numeric as Decimal128 at the field's scale, timestamps as Dates, UUIDs as Binary subtype
 * 4, JSON text as documents and lists. Where the document already holds a UUID or a date as text,
 * the text form is kept, so a repair does not change how the collection stores a field.
 */
final class BsonValues {
  private BsonValues() {}

  /**
   * @param current the value the document holds now at the field's path, or null
   */
  static Object of(FieldSpec f, Object v, Object current) {
    if (v == null) {
      return null;
    }
    return switch (f.type()) {
      case STRING -> v.toString();
      case INTEGER ->
          v instanceof Integer || v instanceof Short
              ? ((Number) v).intValue()
              : v instanceof Number n ? (Object) n.longValue() : v;
      case DECIMAL -> decimal128(decimal(v).setScale(f.scale(), RoundingMode.HALF_UP));
      case DOUBLE -> v instanceof Number n ? n.doubleValue() : v;
      case BOOLEAN -> v;
      case TIMESTAMP -> Date.from(instant(f, v));
      case DATE -> date(f, v, current);
      case UUID -> uuid(v, current);
      case JSON -> json(v);
    };
  }

  /**
   * {@code d} as a Decimal128, checked first: the driver refuses more than 34 significant digits or
   * an exponent outside [-6176, 6111] with an AssertionError, which must never escape as a crash.
   */
  static Decimal128 decimal128(BigDecimal d) {
    BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    long exponent = -(long) stripped.scale();
    if (stripped.precision() > 34 || exponent > 6111 || exponent < -6176) {
      throw new IllegalArgumentException(
          "decimal with "
              + stripped.precision()
              + " digits and exponent "
              + exponent
              + " does not fit Decimal128 (34 digits, exponent -6176 to 6111)");
    }
    // Within 34 digits the field's scale is kept (1.50 stays 1.50); beyond, only zeros are dropped.
    return new Decimal128(d.precision() <= 34 ? d : stripped);
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    return new BigDecimal(v.toString());
  }

  private static Instant instant(FieldSpec f, Object v) {
    if (v instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (v instanceof LocalDateTime l) {
      return l.atZone(f.zoneId()).toInstant();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    if (v instanceof Instant i) {
      return i;
    }
    throw new IllegalArgumentException("not a timestamp: " + v.getClass().getSimpleName());
  }

  private static Object date(FieldSpec f, Object v, Object current) {
    LocalDate d = v instanceof java.sql.Date s ? s.toLocalDate() : (LocalDate) v;
    return current instanceof String
        ? d.toString()
        : Date.from(d.atStartOfDay(f.zoneId()).toInstant());
  }

  private static Object uuid(Object v, Object current) {
    UUID u = v instanceof UUID x ? x : UUID.fromString(v.toString());
    return current instanceof String ? u.toString() : TargetKeys.binary(u);
  }

  private static Object json(Object v) {
    if (v instanceof String s) {
      // Wrapping lets one parser read any JSON value: object, array or scalar.
      return Document.parse("{\"v\": " + s + "}").get("v");
    }
    if (v instanceof List<?> l) {
      var list = new ArrayList<Object>(l.size());
      l.forEach(e -> list.add(e instanceof List<?> ? json(e) : e));
      return list;
    }
    return v;
  }
}
