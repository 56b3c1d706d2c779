package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bson.types.Decimal128;

/**
 * {@link Numbers#smallDecimal128} reads exactly the BigDecimal (value and scale) that {@code
 * Decimal128.bigDecimalValue} gives, -0 as 0, or declines; {@link Numbers#decimal128} is unchanged.
 */
class SmallDecimal128Test {
  // Numbers.decimal128 as it was before the fast path, the reference.
  private static Optional<BigDecimal> reference(Decimal128 d) {
    if (d.isNaN() || d.isInfinite()) {
      return Optional.empty();
    }
    try {
      return Optional.of(d.bigDecimalValue());
    } catch (ArithmeticException e) {
      return Optional.of(BigDecimal.ZERO);
    }
  }

  private static void same(Decimal128 d) {
    Optional<BigDecimal> want = reference(d);
    assertEquals(want, Numbers.decimal128(d), d.toString());
    BigDecimal small = Numbers.smallDecimal128(d);
    if (small != null) {
      assertEquals(want.orElseThrow(), small, d.toString()); // equals compares the scale too
    }
  }

  @Example
  void edgeCases() {
    for (String s :
        new String[] {
          "0",
          "-0",
          "0.00",
          "-0.00",
          "0E+10",
          "-0E-10",
          "1",
          "-1",
          "12.30",
          "-99999999999.99",
          "9223372036854775807",
          "-9223372036854775807",
          "9223372036854775808",
          "1234567890123456789012345678901234",
          "1E-6176",
          "9.999999999999999999999999999999999E+6144",
          "NaN",
          "-NaN",
          "Infinity",
          "-Infinity"
        }) {
      same(Decimal128.parse(s));
    }
    assertNotNull(Numbers.smallDecimal128(Decimal128.parse("12.30")));
    assertEquals(new BigDecimal("-12.30"), Numbers.smallDecimal128(Decimal128.parse("-12.30")));
    assertNull(Numbers.smallDecimal128(Decimal128.parse("9223372036854775808")));
    assertNull(Numbers.smallDecimal128(Decimal128.NaN));
    assertNull(Numbers.smallDecimal128(Decimal128.POSITIVE_INFINITY));
  }

  @Property(tries = 3_000)
  void decimalsOfUpTo34DigitsReadAsBigDecimalValue(
      @ForAll @IntRange(min = 1, max = 34) int digits,
      @ForAll @IntRange(min = -40, max = 40) int scale,
      @ForAll long seed,
      @ForAll boolean negative) {
    var random = new java.util.Random(seed);
    BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
    same(new Decimal128(new BigDecimal(negative ? unscaled.negate() : unscaled, scale)));
  }

  @Property(tries = 3_000)
  void anyBitsReadAsBigDecimalValue(@ForAll long high, @ForAll long low) {
    same(Decimal128.fromIEEE754BIDEncoding(high, low));
    same(Decimal128.fromIEEE754BIDEncoding(high & 0xFFFE_0000_0000_0000L, low & Long.MAX_VALUE));
  }
}
