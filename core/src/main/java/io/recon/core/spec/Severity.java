package io.recon.core.spec;

/**
 * How much a discrepancy matters. Declaration order is the rank, so {@code compareTo} and {@code
 * Collections.max} order severities from least to most severe.
 */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  /** 0 for LOW, 1 for MEDIUM, 2 for HIGH. */
  public int rank() {
    return ordinal();
  }

  /** The more severe of this and {@code other}. */
  public Severity atLeast(Severity other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
