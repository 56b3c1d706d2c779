package io.recon.workflows.cycle;

import io.recon.core.spec.Severity;

/**
 * Discrepancies by {@link Severity}: one count per severity, named.
 *
 * @param low severity LOW
 * @param medium severity MEDIUM
 * @param high severity HIGH
 */
public record Severities(long low, long medium, long high) {
  public static final Severities NONE = new Severities(0, 0, 0);

  /** The count of {@code severity}. */
  public long of(Severity severity) {
    return switch (severity) {
      case LOW -> low;
      case MEDIUM -> medium;
      case HIGH -> high;
    };
  }

  /** These severities with {@code n} more of {@code severity}. */
  public Severities plus(Severity severity, long n) {
    return switch (severity) {
      case LOW -> new Severities(low + n, medium, high);
      case MEDIUM -> new Severities(low, medium + n, high);
      case HIGH -> new Severities(low, medium, high + n);
    };
  }

  public Severities plus(Severities o) {
    return new Severities(low + o.low, medium + o.medium, high + o.high);
  }
}
