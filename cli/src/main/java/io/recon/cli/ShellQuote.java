package io.recon.cli;

import java.util.regex.Pattern;

/**
 * Quotes words for a POSIX shell (bash, zsh, sh), so that every command recon prints for an
 * operator to paste runs exactly the words shown, whatever a cycle id, address or namespace holds.
 */
public final class ShellQuote {
  // Characters that no POSIX shell treats specially anywhere in a word.
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=@%+,-]+");

  private ShellQuote() {}

  /**
   * {@code word} as is when it is plain, else in single quotes, each {@code '} written as {@code
   * '\''}. Inside single quotes a shell expands nothing, so the word reaches the command intact.
   */
  static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The words, each quoted, joined by spaces: one pasteable command line. */
  public static String command(String... words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(quote(w));
    }
    return b.toString();
  }
}
