package io.recon.workflows.input;

/**
 * Text from a client, made safe to show in one line: line breaks become spaces, other control
 * characters and lone surrogates are escaped as {@code \\uXXXX}, and the text is cut at {@code max}
 * characters with an ellipsis.
 */
final class Texts {
  private Texts() {}

  static String shown(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
    int i = 0;
    for (; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        out.append(' ');
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return i < text.length() ? out.append('…').toString() : out.toString();
  }
}
