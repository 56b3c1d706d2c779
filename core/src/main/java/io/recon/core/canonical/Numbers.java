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
    BigDecimal small = smallDecimal128(d);
    if (small != null) {
      return Optional.of(small);
    }
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

  /**
   * What {@link #decimal128} gives for a finite {@code d} whose coefficient fits in 63 bits (every
   * decimal of up to 18 digits), read from its bits without the {@code BigInteger} that {@code
   * bigDecimalValue} builds; null for any other {@code d}. The layout (IEEE 754-2008 BID, as {@code
   * Decimal128} reads it): the sign bit, then when the two highest combination bits are not both
   * set (which NaN, the infinities and the large-coefficient form need) 14 bits of exponent biased
   * by 6,176 and the coefficient's high 49 bits, then its low 64 bits.
   */
  static BigDecimal smallDecimal128(Decimal128 d) {
    long high = d.getHigh();
    long low = d.getLow();
    if ((high & 0x6000_0000_0000_0000L) == 0x6000_0000_0000_0000L
        || (high & 0x0001_FFFF_FFFF_FFFFL) != 0
        || low < 0) {
      return null;
    }
    int scale = 6176 - (int) ((high >>> 49) & 0x3FFF);
    if (high < 0) {
      return low == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(-low, scale); // -0 is 0
    }
    return BigDecimal.valueOf(low, scale);
  }

  /** {@code d} at 15 significant digits without trailing zeros; 0 for both zeros. */
  static BigDecimal roundDouble(double d) {
    if (d == 0) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(d).round(DOUBLE_DIGITS).stripTrailingZeros();
  }
}
