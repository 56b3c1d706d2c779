package io.recon.core.canonical;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.Normalizer;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.BsonBinarySubType;
import org.bson.types.Binary;

/**
 * Reduces one field value from either side to its {@link CanonicalValue}. It never throws on data:
 * a value of the wrong type becomes {@link CanonicalValue.Invalid}.
 *
 * <p>The sides differ only where the drivers do: a source String in a json field is JSON text, a
 * target String there is a JSON string; a BSON Date carries millis, PostgreSQL micros.
 */
public final class Canonicalizer {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Canonicalizer() {}

  /** The canonical form of a JDBC value ({@code ResultSet.getObject}) of field {@code f}. */
  public static CanonicalValue source(FieldSpec f, Object v) {
    if (v instanceof String s && f.type() == FieldType.JSON) {
      try {
        Object tree = JsonTree.parse(s, f.unorderedArrays());
        return tree == null ? CanonicalValue.Null.INSTANCE : new CanonicalValue.Json(tree);
      } catch (JsonTree.TooDeep e) {
        return CanonicalValue.Invalid.unreadable('S', e.getMessage());
      } catch (JsonTree.NotJson e) {
        return new CanonicalValue.Invalid('S', "<" + e.getMessage() + ">");
      }
    }
    return convert(f, v, 'S');
  }

  /**
   * The canonical form of a BSON value of field {@code f}; {@link DocumentPaths#ABSENT} for a
   * missing field. Absent stays distinct from null here; {@link RecordCanonicalizer} applies
   * nullEqualsAbsent.
   */
  public static CanonicalValue target(FieldSpec f, Object v) {
    if (v == DocumentPaths.ABSENT) {
      return CanonicalValue.Absent.INSTANCE;
    }
    if (v instanceof DocumentPaths.WrongParent p) {
      return new CanonicalValue.Invalid(
          'T',
          "<" + Displays.describe(p.parent()) + " at " + p.parentPath() + ", expected object>");
    }
    return convert(f, v, 'T');
  }

  private static CanonicalValue convert(FieldSpec f, Object v, char side) {
    if (v == null) {
      return CanonicalValue.Null.INSTANCE;
    }
    if (v instanceof UnreadableValue u) {
      return CanonicalValue.Invalid.unreadable(side, u.reason());
    }
    CanonicalValue.Special special = special(v);
    if (special != null) {
      switch (f.type()) {
        case INTEGER, DECIMAL, DOUBLE:
          return special;
        case TIMESTAMP, DATE:
          // Only PostgreSQL has infinite instants; no BSON value holds one (a double Infinity
          // in a date field is a number of the wrong type, never an infinite date).
          if (v instanceof CanonicalValue.Special) {
            return special;
          }
          break;
        default:
          break;
      }
      if (v instanceof CanonicalValue.Special) {
        return new CanonicalValue.Invalid(
            side,
            "<special "
                + special.toDisplay()
                + ", expected "
                + io.recon.core.spec.YamlNames.of(f.type())
                + ">");
      }
    }
    return switch (f.type()) {
      case STRING -> v instanceof String s ? text(f, s) : invalid(side, v, "string");
      case INTEGER -> NumericValues.integer(v, side);
      case DECIMAL -> NumericValues.decimal(f, v, side);
      case DOUBLE -> NumericValues.dbl(v, side);
      case BOOLEAN ->
          v instanceof Boolean b ? CanonicalValue.Bool.of(b) : invalid(side, v, "boolean");
      case TIMESTAMP -> TimeValues.timestamp(f, v, side);
      case DATE -> TimeValues.date(f, v, side);
      case UUID -> uuid(v, side);
      case JSON -> json(f, v, side);
    };
  }

  /**
   * The special value {@code v} is, or null: a reader's {@link CanonicalValue.Special}, a double or
   * float NaN or infinity, a Decimal128 NaN or infinity.
   */
  static CanonicalValue.Special special(Object v) {
    if (v instanceof CanonicalValue.Special s) {
      return s;
    }
    if (v instanceof Double || v instanceof Float) {
      return CanonicalValue.Special.of(((Number) v).doubleValue());
    }
    if (v instanceof org.bson.types.Decimal128 d) {
      if (d.isNaN()) {
        return CanonicalValue.Special.NAN;
      }
      if (d.isInfinite()) {
        return d.isNegative()
            ? CanonicalValue.Special.NEGATIVE_INFINITY
            : CanonicalValue.Special.POSITIVE_INFINITY;
      }
    }
    return null;
  }

  private static CanonicalValue text(FieldSpec f, String s) {
    if (f.normalize().isEmpty()) {
      return new CanonicalValue.Text(s); // most fields: no iterator per value
    }
    for (Normalizer n : f.normalize()) {
      s = n.apply(s);
    }
    return new CanonicalValue.Text(s);
  }

  private static CanonicalValue uuid(Object v, char side) {
    if (v instanceof UUID u) {
      return new CanonicalValue.Uuid(u);
    }
    if (v instanceof String s && UUID_TEXT.matcher(s).matches()) {
      return new CanonicalValue.Uuid(UUID.fromString(s));
    }
    if (v instanceof Binary b && b.getData().length == 16) {
      ByteBuffer buf = ByteBuffer.wrap(b.getData());
      if (b.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
        return new CanonicalValue.Uuid(new UUID(buf.getLong(), buf.getLong()));
      }
      if (b.getType() == BsonBinarySubType.UUID_LEGACY.getValue()) {
        // The Java driver's legacy layout: each 8-byte half in little-endian order.
        return new CanonicalValue.Uuid(
            new UUID(Long.reverseBytes(buf.getLong()), Long.reverseBytes(buf.getLong())));
      }
    }
    return invalid(side, v, "uuid");
  }

  private static CanonicalValue json(FieldSpec f, Object v, char side) {
    try {
      Object tree = JsonTree.fromValue(v, f.unorderedArrays());
      return tree == null ? CanonicalValue.Null.INSTANCE : new CanonicalValue.Json(tree);
    } catch (JsonTree.TooDeep e) {
      return CanonicalValue.Invalid.unreadable(side, e.getMessage());
    } catch (JsonTree.NotJson e) {
      return new CanonicalValue.Invalid(side, "<" + e.getMessage() + ", expected json>");
    }
  }

  static CanonicalValue invalid(char side, Object found, String expected) {
    return new CanonicalValue.Invalid(
        side, "<" + Displays.describe(found) + ", expected " + expected + ">");
  }
}
