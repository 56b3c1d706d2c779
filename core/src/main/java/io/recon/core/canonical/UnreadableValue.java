package io.recon.core.canonical;

/**
 * A value a reader could not convert into its driver type, such as PostgreSQL {@code numeric 'NaN'}
 * read as a BigDecimal or an {@code infinity} date. Readers hand it to the canonicalizer in place
 * of the value, which makes it an {@code INVALID_VALUE}: a discrepancy, never an exception.
 *
 * @param reason what was found and why it cannot be read, e.g. {@code numeric "NaN" is not a
 *     number}; cut for display
 */
public record UnreadableValue(String reason) {
  public UnreadableValue {
    reason = Displays.shorten(reason == null ? "unreadable value" : reason);
  }

  /** An unreadable {@code type} column whose text form is {@code text}. */
  public static UnreadableValue of(String type, String text, String why) {
    String shown = text == null ? "" : " \"" + Displays.shorten(text) + "\"";
    return new UnreadableValue(type + shown + " " + why);
  }
}
