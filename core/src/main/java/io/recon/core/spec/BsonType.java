package io.recon.core.spec;

import java.util.Date;
import java.util.EnumSet;
import java.util.Set;
import org.bson.types.Decimal128;

/**
 * The BSON type a field's target stores, declared with {@code bsonType} or learnt from the target:
 * the type a repair writes, so the copy's own readers never meet a new type.
 */
public enum BsonType {
  DOUBLE,
  DECIMAL,
  INT,
  LONG,
  STRING,
  DATE;

  private static final Set<BsonType> NUMBERS = EnumSet.of(DOUBLE, DECIMAL, INT, LONG);

  /**
   * The BSON types a field of {@code type} may be stored as and still compare: any numeric type for
   * the numbers, a Date or ISO text for instants and days, text for UUIDs (Binary subtype 4 is the
   * default) and strings; none to choose from for booleans and JSON.
   */
  public static Set<BsonType> allowed(FieldType type) {
    return switch (type) {
      case INTEGER, DECIMAL, DOUBLE -> NUMBERS;
      case TIMESTAMP, DATE -> EnumSet.of(DATE, STRING);
      case UUID, STRING -> EnumSet.of(STRING);
      case BOOLEAN, JSON -> EnumSet.noneOf(BsonType.class);
    };
  }

  /** The type of a BSON value as the Java driver decodes it, or null for any other. */
  public static BsonType of(Object bson) {
    if (bson instanceof Double) {
      return DOUBLE;
    }
    if (bson instanceof Decimal128) {
      return DECIMAL;
    }
    if (bson instanceof Integer) {
      return INT;
    }
    if (bson instanceof Long) {
      return LONG;
    }
    if (bson instanceof String) {
      return STRING;
    }
    if (bson instanceof Date) {
      return DATE;
    }
    return null;
  }
}
