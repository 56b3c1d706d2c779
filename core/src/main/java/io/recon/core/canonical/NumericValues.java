package io.recon.core.canonical;

import io.recon.core.spec.FieldSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.bson.types.Decimal128;

/** Canonical integers, decimals and doubles. Strings and booleans are never numbers here. */
final class NumericValues {
  private NumericValues() {}

  static CanonicalValue integer(Object v, char side) {
    if (v instanceof Double x && x == Math.rint(x) && !Double.isInfinite(x)) {
      // An integral double is exactly the integer it holds: -2^63 is -9223372036854775808, not
      // the -9223372036854776000 its shortest text reads as.
      return new CanonicalValue.Num(new BigDecimal(x == 0 ? 0.0 : x));
    }
    BigDecimal d = exact(v);
    if (d == null) {
      return Canonicalizer.invalid(side, v, "integer");
    }
    try {
      // An integral double (3.0) is the integer 3; 3.5 is not an integer at all.
      return new CanonicalValue.Num(new BigDecimal(d.toBigIntegerExact()));
    } catch (ArithmeticException e) {
      return Canonicalizer.invalid(side, v, "integer");
    }
  }

  static CanonicalValue decimal(FieldSpec f, Object v, char side) {
    BigDecimal d = exact(v);
    if (d == null) {
      return Canonicalizer.invalid(side, v, "decimal");
    }
    return new CanonicalValue.Num(d.setScale(f.scale(), RoundingMode.HALF_UP));
  }

  static CanonicalValue dbl(Object v, char side) {
    double d;
    if (v instanceof Double || v instanceof Long || v instanceof Integer || v instanceof Short) {
      d = ((Number) v).doubleValue();
    } else if (v instanceof Float x) {
      // Through its shortest text: a real 0.1f is meant as 0.1, not 0.10000000149011612.
      d = Double.parseDouble(x.toString());
    } else {
      BigDecimal exact = exact(v);
      if (exact == null) {
        return Canonicalizer.invalid(side, v, "double");
      }
      d = exact.doubleValue();
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Canonicalizer.invalid(side, v, "finite double");
    }
    d = d == 0 ? 0.0 : d; // -0.0 is 0
    return new CanonicalValue.Dbl(d, Numbers.roundDouble(d));
  }

  /** The exact decimal value of a number of any driver type, or null if it is not a number. */
  private static BigDecimal exact(Object v) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof BigDecimal b) {
      return b;
    }
    if (v instanceof Decimal128 d) {
      return Numbers.decimal128(d).orElse(null);
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      // Shortest round-tripping text, the value the writer meant rather than its binary noise.
      return d == 0 ? BigDecimal.ZERO : new BigDecimal(v.toString());
    }
    return null;
  }
}
