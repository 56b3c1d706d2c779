package io.recon.worker.metrics;

/**
 * A rough period for a 5-field cron expression, for the {@code recon_schedule_period_seconds} gauge
 * that the "no recent success" alert compares against. It takes the coarsest restricted field and
 * divides its span by how many values it allows: a step of 30 in the minute field is 30 minutes, a
 * step of 6 in the hour field six hours, and {@code 15,45 9 * * *} a day. For irregular schedules
 * it leans to the longest gap, which is what an alert on missed runs needs. Anything it cannot read
 * (names in ranges, {@code L}, {@code W}, {@code #}) gives 0, meaning unknown.
 */
final class CronPeriod {
  private static final long MINUTE = 60;
  private static final long HOUR = 3600;
  private static final long DAY = 86_400;

  private CronPeriod() {}

  /** Seconds between runs, roughly; 0 when unscheduled or unreadable. */
  static long seconds(String cron) {
    if (cron == null || cron.isBlank()) {
      return 0;
    }
    String[] f = cron.strip().split("\\s+");
    if (f.length != 5) {
      return 0;
    }
    int minutes = count(f[0], 0, 59);
    int hours = count(f[1], 0, 23);
    int days = count(f[2], 1, 31);
    int months = count(f[3], 1, 12);
    int weekdays = count(f[4], 0, 6);
    if (minutes == 0 || hours == 0 || days == 0 || months == 0 || weekdays == 0) {
      return 0;
    }
    if (months < 12) {
      return 365 * DAY / months;
    }
    boolean domRestricted = days < 31;
    boolean dowRestricted = weekdays < 7 && !f[4].equals("*");
    if (domRestricted || dowRestricted) {
      // Cron runs when either day field matches; the more frequent one sets the pace.
      long byWeek = dowRestricted ? 7 * DAY / weekdays : Long.MAX_VALUE;
      long byMonth = domRestricted ? 30 * DAY / days : Long.MAX_VALUE;
      return Math.min(byWeek, byMonth);
    }
    if (hours < 24) {
      return DAY / hours;
    }
    if (minutes < 60) {
      return HOUR / minutes;
    }
    return MINUTE;
  }

  /** How many values in [lo, hi] a field allows; 0 when it cannot be read. */
  private static int count(String field, int lo, int hi) {
    int total = 0;
    for (String item : field.split(",")) {
      int n = countItem(item, lo, hi);
      if (n == 0) {
        return 0;
      }
      total += n;
    }
    return Math.min(total, hi - lo + 1);
  }

  private static int countItem(String item, int lo, int hi) {
    String range = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      Integer s = integer(item.substring(slash + 1));
      if (s == null || s < 1) {
        return 0;
      }
      step = s;
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = lo;
      to = hi;
    } else if (range.contains("-")) {
      String[] bounds = range.split("-", 2);
      Integer a = integer(bounds[0]);
      Integer b = integer(bounds[1]);
      if (a == null || b == null || b < a) {
        return 0;
      }
      from = a;
      to = b;
    } else if (range.matches("[A-Za-z]{3}")) {
      return slash >= 0 ? 0 : 1; // a named day or month: one value
    } else {
      Integer v = integer(range);
      if (v == null) {
        return 0;
      }
      from = v;
      to = slash >= 0 ? hi : v;
    }
    return (to - from) / step + 1;
  }

  private static Integer integer(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
