package io.recon.core.canonical;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import org.bson.types.Decimal128;

/** Number conversions shared by the canonical types. */
final class Numbers {
  /** Doubles are compared at 15 significant digits, the most a double always round-trips. */
  static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /** The value of {@code d}, or empty for NaN and infinities; -0 becomes 0. */
  static Optional<BigDecimal> decimal128(Decimal128 d) {
    if (d.isNaN() || d.isInfinite()) {
      return Optional.empty();
    }
    try {
      return Optional.of(d.bigDecimalValue());
    } catch (ArithmeticException e) {
      // Past NaN and infinities, only -0 throws (BigDecimal cannot hold it); -0 is 0 for us.
      return Optional.of(BigDecimal.ZERO);
    }
  }

  /** {@code d} at 15 significant digits without trailing zeros; 0 for both zeros. */
  static BigDecimal roundDouble(double d) {
    if (d == 0) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(d).round(DOUBLE_DIGITS).stripTrailingZeros();
  }
}
