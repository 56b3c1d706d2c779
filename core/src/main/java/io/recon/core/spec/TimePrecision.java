package io.recon.core.spec;

import java.time.temporal.ChronoUnit;

/** The finest unit at which two timestamps are compared. Declared from coarsest to finest. */
public enum TimePrecision {
  SECONDS(ChronoUnit.SECONDS),
  MILLIS(ChronoUnit.MILLIS),
  MICROS(ChronoUnit.MICROS);

  private final ChronoUnit unit;

  TimePrecision(ChronoUnit unit) {
    this.unit = unit;
  }

  /** The unit to truncate instants to. */
  public ChronoUnit unit() {
    return unit;
  }

  /** The coarser of this and {@code other}. */
  public TimePrecision coarser(TimePrecision other) {
    return other.ordinal() < ordinal() ? other : this;
  }
}
