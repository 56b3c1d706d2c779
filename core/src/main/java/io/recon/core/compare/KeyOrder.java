package io.recon.core.compare;

import java.util.UUID;

/**
 * The sort orders of key parts. They must agree with both engines, or a merge-join silently misses
 * rows: PostgreSQL orders with {@code COLLATE "C"} (UTF-8 bytes) and MongoDB compares strings as
 * UTF-8 bytes, while {@link String#compareTo} compares UTF-16 code units and puts U+FFxx after
 * supplementary characters.
 */
final class KeyOrder {
  private KeyOrder() {}

  /** Compares by Unicode code point, which equals UTF-8 byte order. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(fixup(x), fixup(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  // Moves surrogates (D800-DFFF) above E000-FFFF, so that the first differing code unit decides
  // in code point order; this is the standard UTF-16-to-code-point-order fix-up.
  private static int fixup(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    if (c >= 0xD800) {
      return c + 0x2000;
    }
    return c;
  }

  /** Compares as unsigned big-endian 16 bytes; {@link UUID#compareTo} is signed and wrong here. */
  static int compareUuids(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
