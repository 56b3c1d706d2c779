package io.recon.core.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as spec files write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code
 * 1d}.
 */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(-?\\d{1,12})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException saying what is wrong: no unit, an unknown unit, negative
   */
  public static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write a whole number and a unit: ms, s, m, h or d");
    }
    long n = Long.parseLong(m.group(1));
    if (n < 0) {
      throw new IllegalArgumentException("'" + text + "' is negative");
    }
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
