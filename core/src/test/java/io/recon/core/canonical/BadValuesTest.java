package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile values become invalid canonical values that say what was found; none throws. */
class BadValuesTest {
  private static final FieldSpec JSON = FieldSpec.of("j", "j", FieldType.JSON);
  private static final FieldSpec DECIMAL = FieldSpec.of("d", "d", FieldType.INTEGER);

  @Test
  void unreadableSourceValueIsInvalidValueNamingWhatWasFound() {
    var v =
        Canonicalizer.source(
            DECIMAL, UnreadableValue.of("numeric", "NaN", "cannot be read as a number"));
    var invalid = assertInstanceOf(CanonicalValue.Invalid.class, v);
    assertTrue(invalid.unreadable());
    assertEquals("<INVALID_VALUE: numeric \"NaN\" cannot be read as a number>", v.display());
    assertFalse(FieldComparator.equal(DECIMAL, v, v));
  }

  @Test
  void jsonTextNested5000DeepIsInvalidValueWithoutOverflowingTheStack() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    var v = Canonicalizer.source(JSON, deep);
    assertEquals(
        "<INVALID_VALUE: JSON nested deeper than " + JsonTree.MAX_DEPTH + " levels>", v.display());
  }

  @Test
  void jsonTextAtTheDepthLimitIsStillCanonical() {
    int depth = JsonTree.MAX_DEPTH;
    String atLimit = "[".repeat(depth) + "]".repeat(depth);
    var s = Canonicalizer.source(JSON, atLimit);
    assertInstanceOf(CanonicalValue.Json.class, s);
    Object nested = List.of();
    for (int i = 1; i < depth; i++) {
      nested = List.of(nested);
    }
    assertTrue(FieldComparator.equal(JSON, s, Canonicalizer.target(JSON, nested)));
    assertTrue(s.display().length() <= Displays.MAX);
  }

  @Test
  void targetDocumentNested5000DeepIsInvalidValue() {
    Object nested = Map.of();
    for (int i = 0; i < 5000; i++) {
      nested = Map.of("a", nested);
    }
    var v = Canonicalizer.target(JSON, nested);
    assertEquals(
        "<INVALID_VALUE: JSON nested deeper than " + JsonTree.MAX_DEPTH + " levels>", v.display());
  }

  @Test
  void hugeTextIsShortenedForDisplayButComparedWhole() {
    String big = "x".repeat(17 * 1024 * 1024);
    FieldSpec text = FieldSpec.of("t", "t", FieldType.STRING);
    var s = Canonicalizer.source(text, big);
    var t = Canonicalizer.target(text, big + "y");
    assertFalse(FieldComparator.equal(text, s, t));
    assertEquals(Displays.MAX, s.display().length());
  }
}
