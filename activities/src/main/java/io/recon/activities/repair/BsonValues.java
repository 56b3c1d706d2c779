package io.recon.activities.repair;

import io.recon.activities.mongo.TargetKeys;
import io.recon.core.canonical.CanonicalValue;
import io.recon.core.spec.BsonType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.YamlNames;
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
 * holds, in the BSON type the target stores ({@link #want}): the field's declared {@code bsonType},
 * else the type the document holds at that path now, else the type its siblings use. Without any of
 * them: integers as int32 or int64, numeric as Decimal128 at the field's scale, doubles as doubles,
 * timestamps and dates as Dates, UUIDs as Binary subtype 4, JSON text as documents and lists. A
 * value the chosen type cannot hold at all (NaN as an int64, an infinity date as a Date) is refused
 * here; one it holds only approximately is refused by the caller's check that the written value
 * compares equal.
 */
final class BsonValues {
  private BsonValues() {}

  /**
   * The BSON type a repair of {@code f} writes, or null for the field type's default.
   *
   * @param current the value the document holds now at the field's path, or null
   * @param sibling the type other documents of the collection hold there, or null
   */
  static BsonType want(FieldSpec f, Object current, BsonType sibling) {
    if (f.bsonType() != null) {
      return f.bsonType();
    }
    BsonType had = BsonType.of(current);
    if (had != null && BsonType.allowed(f.type()).contains(had)) {
      return had;
    }
    return sibling != null && BsonType.allowed(f.type()).contains(sibling) ? sibling : null;
  }

  /**
   * The BSON value of source value {@code v} of field {@code f}, as {@code want} (null: the field
   * type's default).
   *
   * @throws IllegalArgumentException if that type cannot hold the value
   */
  static Object of(FieldSpec f, Object v, BsonType want) {
    if (v == null) {
      return null;
    }
    return switch (f.type()) {
      case STRING -> v.toString();
      case INTEGER, DECIMAL, DOUBLE -> number(f, v, want);
      case BOOLEAN -> v;
      case TIMESTAMP -> timestamp(f, v, want);
      case DATE -> date(f, v, want);
      case UUID -> uuid(v, want);
      case JSON -> json(v);
    };
  }

  private static Object number(FieldSpec f, Object v, BsonType want) {
    if (want == null) {
      want =
          switch (f.type()) {
            case INTEGER -> v instanceof Integer || v instanceof Short ? BsonType.INT : null;
            case DECIMAL -> BsonType.DECIMAL;
            default -> BsonType.DOUBLE;
          };
      if (want == null) {
        // An integer the driver read as int64 (or wider) stays int64 unless a type says otherwise.
        want = BsonType.LONG;
      }
    }
    if (v instanceof CanonicalValue.Special s) {
      return switch (want) {
        case DOUBLE -> s.toDouble();
        case DECIMAL ->
            switch (s) {
              case NAN -> Decimal128.NaN;
              case POSITIVE_INFINITY -> Decimal128.POSITIVE_INFINITY;
              case NEGATIVE_INFINITY -> Decimal128.NEGATIVE_INFINITY;
            };
        default ->
            throw new IllegalArgumentException(
                s.toDisplay() + " has no " + YamlNames.of(want) + " form");
      };
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      CanonicalValue.Special s = CanonicalValue.Special.of(d);
      if (s != null) {
        return number(f, s, want);
      }
    }
    BigDecimal exact = decimal(v);
    if (f.type() == FieldType.DECIMAL) {
      exact = exact.setScale(f.scale(), RoundingMode.HALF_UP);
    }
    return switch (want) {
      case DOUBLE -> exact.doubleValue();
      case DECIMAL -> decimal128(exact);
      case INT -> integral(exact, Integer.MIN_VALUE, Integer.MAX_VALUE, want).intValue();
      case LONG -> integral(exact, Long.MIN_VALUE, Long.MAX_VALUE, want).longValue();
      default -> throw new IllegalArgumentException("a number is not stored as " + want);
    };
  }

  private static BigDecimal integral(BigDecimal d, long min, long max, BsonType want) {
    BigDecimal whole = d.stripTrailingZeros();
    if (whole.scale() > 0
        || whole.compareTo(BigDecimal.valueOf(min)) < 0
        || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          d.toPlainString() + " does not fit " + YamlNames.of(want) + " (declare a bsonType)");
    }
    return whole;
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

  private static Object timestamp(FieldSpec f, Object v, BsonType want) {
    noInfinity(v, "timestamp", want);
    Instant i = instant(f, v);
    return want == BsonType.STRING ? i.toString() : Date.from(i);
  }

  // A BSON Date is a count of milliseconds; it has no infinity, and no marker for one would be
  // read as such by the copy's own readers.
  private static void noInfinity(Object v, String type, BsonType want) {
    if (v instanceof CanonicalValue.Special s) {
      throw new IllegalArgumentException(
          type
              + " "
              + s.toDisplay().toLowerCase(java.util.Locale.ROOT)
              + " has no BSON "
              + (want == BsonType.STRING ? "text" : "Date")
              + " form");
    }
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

  private static Object date(FieldSpec f, Object v, BsonType want) {
    noInfinity(v, "date", want);
    LocalDate d = v instanceof java.sql.Date s ? s.toLocalDate() : (LocalDate) v;
    return want == BsonType.STRING
        ? d.toString()
        : Date.from(d.atStartOfDay(f.zoneId()).toInstant());
  }

  private static Object uuid(Object v, BsonType want) {
    UUID u = v instanceof UUID x ? x : UUID.fromString(v.toString());
    return want == BsonType.STRING ? u.toString() : TargetKeys.binary(u);
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
