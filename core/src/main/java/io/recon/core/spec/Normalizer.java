package io.recon.core.spec;

import java.text.Normalizer.Form;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A string rule declared per field. Nothing is applied implicitly: CHAR padding survives unless the
 * field declares {@code trim}, because trailing blanks can be real data.
 */
public enum Normalizer {
  TRIM,
  LOWERCASE,
  COLLAPSE_WHITESPACE,
  NFC;

  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

  /** Applies this rule to {@code value}. */
  public String apply(String value) {
    return switch (this) {
      case TRIM -> value.strip();
      // Locale.ROOT: the Turkish dotless i must not make the verdict depend on the host's locale.
      case LOWERCASE -> value.toLowerCase(Locale.ROOT);
      case COLLAPSE_WHITESPACE -> WHITESPACE_RUN.matcher(value).replaceAll(" ");
      case NFC -> java.text.Normalizer.normalize(value, Form.NFC);
    };
  }
}
