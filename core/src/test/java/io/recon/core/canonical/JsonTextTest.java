package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link JsonText} must build exactly the tree Jackson's token route builds for every text it
 * accepts, and leave everything else to that route: a text it gets wrong would move a hash.
 */
class JsonTextTest {
  /** Fast and token routes agree, or the fast one declined. Returns whether it accepted. */
  private static boolean agrees(String text, boolean unordered) {
    Object fast = JsonText.parse(text, unordered);
    if (fast == JsonText.UNSURE) {
      return false;
    }
    try {
      assertEquals(JsonTree.parseTokens(text, unordered), fast, text);
    } catch (JsonTree.NotJson e) {
      fail("accepted what Jackson refuses (" + e.getMessage() + "): " + text);
    }
    return true;
  }

  private static void accepted(String text) {
    if (!agrees(text, false) || !agrees(text, true)) {
      fail("declined plain JSON: " + text);
    }
  }

  @Example
  void plainJsonParsesAsJacksonDoes() {
    for (String text :
        new String[] {
          "null",
          "0",
          "-0",
          "-0.0",
          "0.0e0",
          "1.50",
          "1e5",
          "1E-7",
          "-1.25E+2",
          "9223372036854775807",
          "-9223372036854775808",
          "123456789012345678",
          "1234567890123456789",
          "123456789012345678901234567890",
          "1.0000000000000000000000001",
          "\"\"",
          "\"a\\u00e9\\ud83d\\ude00\"",
          "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\uD834\"",
          "\"é 中 😀\"",
          "true",
          "false",
          "[]",
          "{}",
          " \t\r\n[ 1 , 2 ] \n",
          "[\"t3\", 4]",
          "{\"b\":1,\"a\":[1,2.0,{\"c\":null}],\"b\":2}",
          "{\"a\": 1, \"aa\": {\"x\": [3, 1, 2, [2, 1]]}, \"b\": \"\"}",
          "[[[]],[{}],null,\"\"]",
          "[3, 1, \"b\", \"a\", {\"z\": 1}, null, true, false, 1.0, 1]",
          "{\"a\": {\"b\": {\"c\": [true, false, 1.25e2]}}}"
        }) {
      accepted(text);
    }
  }

  @Example
  void anythingButPlainJsonIsLeftToJackson() {
    for (String text :
        new String[] {
          "",
          "   ",
          "1 2",
          "{} x",
          "01",
          "[01]",
          "+1",
          ".5",
          "1.",
          "1.e5",
          "1e",
          "1e+",
          "1e99999",
          "-",
          "NaN",
          "Infinity",
          "[1,]",
          "{\"a\":1,}",
          "{a:1}",
          "{'a':1}",
          "\"a\u0001\"",
          "\"\\x\"",
          "\"\\u12\"",
          "\"\\u12G4\"",
          "\"open",
          "[1",
          "{\"a\"",
          "{\"a\":}",
          "tru",
          "nul",
          "truex",
          "[true false]",
          "// c\n1",
          "\uFEFF{}",
          "\u00a01",
          "1".repeat(101),
          "[".repeat(65) + "]".repeat(65)
        }) {
      assertSame(JsonText.UNSURE, JsonText.parse(text, false), text);
    }
  }

  @Example
  void deepButBoundedNestingIsAccepted() {
    accepted("[".repeat(64) + "]".repeat(64));
    assertNotSame(
        JsonText.UNSURE, JsonText.parse("{\"a\":".repeat(63) + "1" + "}".repeat(63), false));
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings()
        .withChars("{}[]\":,.-+eE0123456789 \\/ubnrtfalsu\n\t")
        .withChars('\u00e9', '\u0001', '\ud83d')
        .ofMaxLength(24);
  }

  /** Random text from JSON's alphabet: mostly invalid, some valid; never a wrong answer. */
  @Property(tries = 5_000)
  void randomTextIsNeverParsedDifferently(@ForAll("jsonish") String text) {
    agrees(text, false);
    agrees(text, true);
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf).filter(d -> !d.contains("N")),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e30"), new BigDecimal("1e30"))
                .ofScale(12)
                .map(d -> d.toString()),
            Arbitraries.strings().ofMaxLength(6).map(JsonTextTest::quote),
            Arbitraries.of("true", "false", "null", "0", "-0", "1e3", "2.50E-2"));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]"),
                Arbitraries.maps(
                        Arbitraries.strings().ofMaxLength(3).map(JsonTextTest::quote), inner)
                    .ofMaxSize(4)
                    .map(
                        m -> {
                          var b = new StringBuilder("{");
                          m.forEach(
                              (k, v) ->
                                  b.append(b.length() > 1 ? ",\n" : "")
                                      .append(k)
                                      .append(": ")
                                      .append(v));
                          return b.append('}').toString();
                        })),
        3);
  }

  /** Generated documents are accepted and parse as Jackson parses them. */
  @Property(tries = 1_000)
  void generatedDocumentsParseAsJacksonDoes(@ForAll("documents") String text) {
    accepted(text);
  }

  /** A valid document with one character deleted or doubled: accepted only where Jackson agrees. */
  @Property(tries = 2_000)
  void mutatedDocumentsAreNeverParsedDifferently(
      @ForAll("documents") String text, @ForAll @IntRange(min = 0, max = 1000) int at) {
    int k = at % text.length();
    agrees(text.substring(0, k) + text.substring(k + 1), false);
    agrees(text.substring(0, k + 1) + text.substring(k), true);
  }

  private static String quote(String s) {
    var b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
