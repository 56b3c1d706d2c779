package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisplaysTest {
  @Test
  void unsafeCharactersAreEscapedAndSafeOnesKept() {
    assertEquals("a\\u0000b", Displays.escape("a\u0000b"));
    assertEquals("\\u001b[31mred\\n\\t\\r", Displays.escape("\u001b[31mred\n\t\r"));
    assertEquals("lone \\ud800 and \\udc00", Displays.escape("lone \uD800 and \uDC00"));
    assertEquals("\\u202eevil\\u2066", Displays.escape("\u202Eevil\u2066"));
    assertEquals("del\\u007f c1\\u009b", Displays.escape("del\u007f c1\u009b"));
    assertEquals("é€😀 back\\slash", Displays.escape("é€😀 back\\slash"));
  }

  @Test
  void escapingIsIdempotentSoADisplayCanBeEscapedAgain() {
    String once = Displays.shorten("x\u0000\uD800\u001b\u202e" + "y".repeat(100));
    assertEquals(once, Displays.shorten(once));
    assertEquals(Displays.MAX, once.length());
  }

  @Test
  void anEscapedDisplayEncodesAsUtf8WithoutLossAndWithoutNul() {
    String shown = Displays.shorten("a\uD800\u0000b");
    assertEquals(shown, new String(shown.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    assertTrue(shown.chars().allMatch(c -> c >= 0x20));
  }

  @Test
  void describeEscapesAndCutsStrings() {
    assertEquals("string \"a\\u0000b\"", Displays.describe("a\u0000b"));
    assertTrue(Displays.describe("z".repeat(100)).endsWith("…\""));
  }
}
