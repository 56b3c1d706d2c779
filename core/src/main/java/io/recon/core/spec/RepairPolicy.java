package io.recon.core.spec;

import java.time.Duration;
import java.util.List;

/**
 * When repairs run without a human.
 *
 * @param auto severities repaired without approval; default {@code [LOW]}
 * @param approvalTimeout how long a repair waits for approval; default 24h
 * @param maxDivergenceRatio above this share of diverging records nothing is repaired
 *     automatically, because a mass divergence is more likely a broken pipeline than bad data;
 *     default 0.05
 * @param maxRepairsPerCycle default 100000
 */
public record RepairPolicy(
    List<Severity> auto,
    Duration approvalTimeout,
    double maxDivergenceRatio,
    long maxRepairsPerCycle) {

  public static final RepairPolicy DEFAULT =
      new RepairPolicy(List.of(Severity.LOW), Duration.ofHours(24), 0.05, 100_000);

  public RepairPolicy {
    auto = auto == null ? List.of(Severity.LOW) : List.copyOf(auto);
    approvalTimeout = approvalTimeout == null ? Duration.ofHours(24) : approvalTimeout;
    Require.check(!approvalTimeout.isNegative(), "repair.approvalTimeout", "must be >= 0");
    Require.check(
        maxDivergenceRatio >= 0 && maxDivergenceRatio <= 1,
        "repair.maxDivergenceRatio",
        "must be in [0, 1]");
    Require.check(maxRepairsPerCycle >= 0, "repair.maxRepairsPerCycle", "must be >= 0");
  }

  /** Whether a discrepancy of {@code severity} may be repaired without approval. */
  public boolean autoRepairs(Severity severity) {
    return auto.contains(severity);
  }
}
