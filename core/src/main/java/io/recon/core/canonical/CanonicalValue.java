package io.recon.core.canonical;

import io.recon.core.spec.TimePrecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One field's value reduced to the form both sides share. Built only by {@link Canonicalizer};
 * compared by {@link FieldComparator}; hashed by {@link CanonicalEncoder}.
 */
public sealed interface CanonicalValue {
  /** A human-readable form for reports, at most 80 characters. */
  default String display() {
    return Displays.shorten(toDisplay());
  }

  /** The unshortened display form. */
  String toDisplay();

  /** An explicit null, or (when the spec says so) an absent field. */
  enum Null implements CanonicalValue {
    INSTANCE;

    @Override
    public String toDisplay() {
      return "null";
    }
  }

  /** A target document without the field, kept apart from null when nullEqualsAbsent is false. */
  enum Absent implements CanonicalValue {
    INSTANCE;

    @Override
    public String toDisplay() {
      return "<absent>";
    }
  }

  /**
   * A value of the wrong type, such as a string where a timestamp belongs, or one that could not be
   * read or canonicalized at all ({@link #unreadable}). It never equals anything, not even an
   * identical invalid value on the other side, because neither side then holds what the spec says.
   *
   * @param side 'S' for source, 'T' for target, so two invalid values never hash the same
   * @param found what was found, e.g. {@code <string "abc", expected timestamp>}, or {@code
   *     <INVALID_VALUE: numeric "NaN" is not a number>} for a value no reader could convert
   */
  record Invalid(char side, String found) implements CanonicalValue {
    /** The prefix of a value that could not be read or canonicalized at all. */
    public static final String INVALID_VALUE = "INVALID_VALUE";

    /** A value that could not be read or canonicalized: {@code <INVALID_VALUE: reason>}. */
    public static Invalid unreadable(char side, String reason) {
      return new Invalid(side, "<" + INVALID_VALUE + ": " + reason + ">");
    }

    /** Whether this value could not be read at all, rather than being of the wrong type. */
    public boolean unreadable() {
      return found.startsWith("<" + INVALID_VALUE + ":");
    }

    @Override
    public String toDisplay() {
      return found;
    }
  }

  /**
   * A special number or instant: {@code NaN}, {@code Infinity} or {@code -Infinity}, from a double
   * or Decimal128 on either side, PostgreSQL {@code numeric 'NaN'} and {@code 'Infinity'}, or a
   * PostgreSQL {@code infinity} date or timestamp. Each equals itself and differs from every finite
   * value. Readers may hand one to the canonicalizer in place of a value the driver cannot convert.
   */
  enum Special implements CanonicalValue {
    NAN("NaN"),
    POSITIVE_INFINITY("Infinity"),
    NEGATIVE_INFINITY("-Infinity");

    private final String text;

    Special(String text) {
      this.text = text;
    }

    /** The special value of {@code d}, or null for a finite double. */
    public static Special of(double d) {
      if (Double.isNaN(d)) {
        return NAN;
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
      }
      return null;
    }

    /** The double of the same value. */
    public double toDouble() {
      return switch (this) {
        case NAN -> Double.NaN;
        case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
        case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
      };
    }

    @Override
    public String toDisplay() {
      return text;
    }
  }

  /** A string after the field's normalize rules. */
  record Text(String value) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return '"' + value + '"';
    }
  }

  /**
   * An integer or decimal, compared exactly (after rounding to the declared scale) or within
   * tolerance.
   */
  record Num(BigDecimal value) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return value.toPlainString();
    }
  }

  /**
   * A double.
   *
   * @param value the value itself, for tolerance checks
   * @param rounded the value at 15 significant digits, trailing zeros stripped, which absorbs
   *     differences in how engines print the same double
   */
  record Dbl(double value, BigDecimal rounded) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return Double.toString(value);
    }
  }

  /** A boolean. */
  record Bool(boolean value) implements CanonicalValue {
    private static final Bool TRUE = new Bool(true);
    private static final Bool FALSE = new Bool(false);

    /** The shared instance of {@code value}: a reader canonicalizes many. */
    public static Bool of(boolean value) {
      return value ? TRUE : FALSE;
    }

    @Override
    public String toDisplay() {
      return Boolean.toString(value);
    }
  }

  /**
   * An instant.
   *
   * @param instant the instant at the precision its side can carry
   * @param natural that precision: millis for a BSON Date, micros for PostgreSQL
   * @param hashed the instant truncated to the declared precision, which the hash uses
   */
  record Timestamp(Instant instant, TimePrecision natural, Instant hashed)
      implements CanonicalValue {
    @Override
    public String toDisplay() {
      return instant.toString();
    }
  }

  /** A calendar date. */
  record Day(LocalDate value) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return value.toString();
    }
  }

  /** A UUID. */
  record Uuid(UUID value) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return value.toString();
    }
  }

  /**
   * A JSON value as a normalized tree: sorted maps, lists (sorted by encoding when the field
   * declares unorderedArrays), BigDecimal numbers without trailing zeros, strings, booleans and
   * Java null inside containers. A top-level JSON null is {@link Null} instead.
   */
  record Json(Object tree) implements CanonicalValue {
    @Override
    public String toDisplay() {
      return JsonTree.toText(tree);
    }
  }
}
