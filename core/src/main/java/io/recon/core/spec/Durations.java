package io.recon.core.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as spec files write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code
 * 1d}, and for retention windows {@code 2w} (weeks) and {@code 7y} (years of 365 days: a retention
 * window is a count of days, never a calendar date, so it means the same on every run).
 */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile("(-?\\d{1,12})(ms|s|m|h|d|w|y)");

  /** A year as retention counts it. */
  public static final long DAYS_PER_YEAR = 365;

  private Durations() {}

  /**
   * The shortest text that {@link #parse} reads back as {@code d}: the largest unit that divides it
   * of years, days, hours, minutes, seconds ({@code 7y}, {@code 90d}, {@code 36h}), so an operator
   * sees the window as the spec wrote it.
   */
  public static String format(Duration d) {
    long days = d.toDays();
    if (d.equals(Duration.ofDays(days)) && days > 0) {
      if (days % DAYS_PER_YEAR == 0) {
        return days / DAYS_PER_YEAR + "y";
      }
      return days + "d";
    }
    if (d.toMillis() % 3_600_000 == 0) {
      return d.toHours() + "h";
    }
    if (d.toMillis() % 60_000 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /**
   * The duration {@code text} denotes.
   *
   * @throws IllegalArgumentException saying what is wrong: no unit, an unknown unit, negative
   */
  public static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration; write a whole number and a unit: ms, s, m, h, d, w or y");
    }
    long n = Long.parseLong(m.group(1));
    if (n < 0) {
      throw new IllegalArgumentException("'" + text + "' is negative");
    }
    try {
      return of(n, m.group(2));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long");
    }
  }

  private static Duration of(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(Math.multiplyExact(n, 7L));
      default -> Duration.ofDays(Math.multiplyExact(n, DAYS_PER_YEAR));
    };
  }
}
