package io.recon.core.canonical;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.TimePrecision;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/** Canonical timestamps and dates. */
final class TimeValues {
  private TimeValues() {}

  static CanonicalValue timestamp(FieldSpec f, Object v, char side) {
    Instant instant;
    TimePrecision natural = TimePrecision.MICROS;
    // java.sql subclasses first: they extend java.util.Date, and java.sql.Date.toInstant throws.
    if (v instanceof java.sql.Timestamp t) {
      instant = t.toInstant();
    } else if (v instanceof java.sql.Date d) {
      instant = d.toLocalDate().atStartOfDay(f.zoneId()).toInstant();
    } else if (v instanceof Date d) {
      instant = d.toInstant();
      natural = TimePrecision.MILLIS;
    } else if (v instanceof Instant i) {
      instant = i;
    } else if (v instanceof OffsetDateTime o) {
      instant = o.toInstant();
    } else if (v instanceof ZonedDateTime z) {
      instant = z.toInstant();
    } else if (v instanceof LocalDateTime l) {
      instant = l.atZone(f.zoneId()).toInstant();
    } else if (v instanceof LocalDate l) {
      instant = l.atStartOfDay(f.zoneId()).toInstant();
    } else if (v instanceof String s) {
      instant = parseIso(s, f);
      if (instant == null) {
        return Canonicalizer.invalid(side, v, "timestamp");
      }
    } else {
      return Canonicalizer.invalid(side, v, "timestamp");
    }
    // Nothing either engine stores is finer than micros; nanos would only be noise.
    instant = truncated(instant, ChronoUnit.MICROS);
    return new CanonicalValue.Timestamp(instant, natural, truncated(instant, f.precision().unit()));
  }

  /**
   * {@code instant.truncatedTo(unit)}, the same instant, without its arithmetic on nanos of the day
   * where the unit divides a second: the nanos of the second less their remainder. A reader
   * truncates every timestamp twice.
   */
  static Instant truncated(Instant instant, ChronoUnit unit) {
    long unitNanos =
        switch (unit) {
          case NANOS -> 1;
          case MICROS -> 1_000;
          case MILLIS -> 1_000_000;
          case SECONDS -> 1_000_000_000;
          default -> 0;
        };
    if (unitNanos == 0) {
      return instant.truncatedTo(unit);
    }
    int nanos = instant.getNano();
    int rest = (int) (nanos % unitNanos);
    return rest == 0 ? instant : Instant.ofEpochSecond(instant.getEpochSecond(), nanos - rest);
  }

  private static Instant parseIso(String s, FieldSpec f) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException e) {
      try {
        return LocalDateTime.parse(s).atZone(f.zoneId()).toInstant();
      } catch (DateTimeException e2) {
        return null;
      }
    }
  }

  static CanonicalValue date(FieldSpec f, Object v, char side) {
    if (v instanceof LocalDate d) {
      return new CanonicalValue.Day(d);
    }
    if (v instanceof java.sql.Date d) {
      return new CanonicalValue.Day(d.toLocalDate());
    }
    if (v instanceof Date d && !(v instanceof java.sql.Timestamp)) {
      // A BSON Date holding a date is midnight of that day, by convention in UTC (or the zone).
      return new CanonicalValue.Day(d.toInstant().atZone(f.zoneId()).toLocalDate());
    }
    if (v instanceof String s) {
      try {
        return new CanonicalValue.Day(LocalDate.parse(s));
      } catch (DateTimeException e) {
        return Canonicalizer.invalid(side, v, "date");
      }
    }
    return Canonicalizer.invalid(side, v, "date");
  }
}
