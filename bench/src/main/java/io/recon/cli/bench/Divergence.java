package io.recon.cli.bench;

import io.recon.core.spec.Severity;

/**
 * The divergence the bench plants on source row {@code g}: a pure function of {@code g} and the
 * rate, so that seeding, the expected counts and a re-seed all agree without storing anything. The
 * kinds are spread so that every path of a cycle is exercised: missing and orphan documents, low
 * severity mismatches (repaired automatically with {@code repair.auto: [low]}), a medium one and a
 * high one (held for approval).
 */
public enum Divergence {
  NONE(null),
  MISSING(Severity.HIGH),
  ORPHAN(Severity.HIGH),
  NAME(Severity.LOW),
  ACTIVE(Severity.LOW),
  TAGS(Severity.MEDIUM),
  AMOUNT(Severity.HIGH);

  private final Severity severity;

  Divergence(Severity severity) {
    this.severity = severity;
  }

  Severity severity() {
    return severity;
  }

  /** Whether the cycle reports it as a MISMATCH (rather than MISSING or ORPHAN). */
  public boolean mismatch() {
    return this == NAME || this == ACTIVE || this == TAGS || this == AMOUNT;
  }

  /** The divergence of row {@code g} when a share {@code rate} of rows diverge. */
  public static Divergence of(long g, double rate) {
    double u = (mix(g) >>> 11) * 0x1.0p-53;
    if (u >= rate) {
      return NONE;
    }
    // u / rate is uniform on [0, 1) among the chosen rows: it picks the kind.
    double v = u / rate;
    if (v < 0.10) {
      return MISSING;
    } else if (v < 0.20) {
      return ORPHAN;
    } else if (v < 0.45) {
      return NAME;
    } else if (v < 0.70) {
      return ACTIVE;
    } else if (v < 0.80) {
      return TAGS;
    }
    return AMOUNT;
  }

  // SplitMix64's finalizer: consecutive rows get unrelated values, so kinds spread over all ranges.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
