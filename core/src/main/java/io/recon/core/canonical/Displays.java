package io.recon.core.canonical;

/** Keeps report values short, so a diff of a large document cannot bloat a payload. */
public final class Displays {
  /** The longest display text, ellipsis included. */
  public static final int MAX = 80;

  private Displays() {}

  /** {@code text} cut to {@link #MAX} characters with a trailing ellipsis when longer. */
  public static String shorten(String text) {
    if (text.length() <= MAX) {
      return text;
    }
    int end = MAX - 1;
    // Never split a surrogate pair, or the report would carry a broken character.
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /**
   * A short, type-naming description of any value, such as {@code string "abc"} or {@code array}.
   */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
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
    String text = String.valueOf(value);
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
        + " "
        + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
  }
}
