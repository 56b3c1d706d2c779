package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A decimal's hash input is its {@code toPlainString()}, length-prefixed; {@link
 * CanonicalEncoder#plain} writes it from the unscaled value and must give the very same bytes.
 */
class PlainDecimalTest {
  private static void same(BigDecimal d) {
    byte[] text = d.toPlainString().getBytes(StandardCharsets.US_ASCII);
    byte[] expected = ByteBuffer.allocate(4 + text.length).putInt(text.length).put(text).array();
    var encoder = new CanonicalEncoder(1);
    encoder.plain(d);
    assertArrayEquals(expected, encoder.toByteArray(), d.toPlainString());
  }

  @Example
  void edgeCasesEncodeAsTheirPlainText() {
    for (String s :
        new String[] {
          "0",
          "0.00",
          "-0.00",
          "0.05",
          "-0.05",
          "1",
          "-1",
          "10",
          "123.45",
          "-123.45",
          "0.000000001",
          "999999999999999999",
          "-999999999999999999",
          "9999999999999999.99",
          "0.999999999999999999",
          "9223372036854775807",
          "-9223372036854775808",
          "1E+3",
          "0E+2",
          "-1.5E-20",
          "1E-19",
          "12345678901234567890.12",
          "1e100",
          "1e-100"
        }) {
      same(new BigDecimal(s));
    }
  }

  @Property(tries = 3_000)
  void anyDecimalEncodesAsItsPlainText(
      @ForAll long unscaled, @ForAll @IntRange(min = -3, max = 24) int scale) {
    same(BigDecimal.valueOf(unscaled, scale));
    same(new BigDecimal(BigInteger.valueOf(unscaled).multiply(BigInteger.TEN.pow(3)), scale));
  }
}
