package io.recon.core.canonical;

/**
 * Values as a report shows them: escaped, so that no character of the data can act on a terminal or
 * break the store's queries, and short, so that a diff of a large document cannot bloat a payload.
 *
 * <p>{@link #escape} writes as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}: every
 * other C0 control character and NUL, DEL and the C1 controls (terminal escape sequences), lone
 * surrogates (which UTF-8 cannot encode), line and paragraph separators, and the bidirectional
 * overrides and isolates (which reorder what a reader sees). Backslashes are kept as they are, so
 * escaping is idempotent; a display is for reading, the record is identified by its key.
 */
public final class Displays {
  /** The longest display text, ellipsis included. */
  public static final int MAX = 80;

  private Displays() {}

  /** {@code text} escaped, then cut to {@link #MAX} characters with a trailing ellipsis. */
  public static String shorten(String text) {
    return cut(escape(text), MAX);
  }

  /** {@code text} cut to {@code max} characters, the last an ellipsis, never inside a pair. */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    // Never split a surrogate pair, or the report would carry a broken character.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** {@code text} with every unsafe character escaped (see the class comment); null stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder b = null;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      String escaped;
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (b != null) {
          b.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      } else if (c == '\n') {
        escaped = "\\n";
      } else if (c == '\r') {
        escaped = "\\r";
      } else if (c == '\t') {
        escaped = "\\t";
      } else if (unsafe(c)) {
        escaped = String.format("\\u%04x", (int) c);
      } else {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(n + 16).append(text, 0, i);
      }
      b.append(escaped);
    }
    return b == null ? text : b.toString();
  }

  private static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || Character.isSurrogate(c)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }

  /**
   * A short, type-naming description of any value, such as {@code string "abc"} or {@code array}.
   */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "string \"" + cut(escape(s), 41) + "\"";
    }
    if (value instanceof java.util.Map<?, ?>) {
      return "object";
    }
    if (value instanceof java.util.List<?>) {
      return "array";
    }
    if (value instanceof org.bson.types.Binary b) {
      return "binary subtype " + b.getType() + " of " + b.length() + " bytes";
    }
    String text = escape(String.valueOf(value));
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
        + " "
        + cut(text, 41);
  }
}
