package io.recon.cli.bench;

import io.recon.core.spec.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the seed planted, counted as a cycle counts it, so that each run can be checked against what
 * it should have found: a benchmark of a cycle that finds the wrong things measures nothing.
 */
public record Planted(long missing, long orphan, long mismatch, long low, long medium, long high) {

  public static Planted of(Map<Divergence, Long> byKind) {
    long missing = byKind.getOrDefault(Divergence.MISSING, 0L);
    long orphan = byKind.getOrDefault(Divergence.ORPHAN, 0L);
    long mismatch = 0;
    var bySeverity = new EnumMap<Severity, Long>(Severity.class);
    for (var e : byKind.entrySet()) {
      if (e.getKey() == Divergence.NONE) {
        continue;
      }
      if (e.getKey().mismatch()) {
        mismatch += e.getValue();
      }
      bySeverity.merge(e.getKey().severity(), e.getValue(), Long::sum);
    }
    return new Planted(
        missing,
        orphan,
        mismatch,
        bySeverity.getOrDefault(Severity.LOW, 0L),
        bySeverity.getOrDefault(Severity.MEDIUM, 0L),
        bySeverity.getOrDefault(Severity.HIGH, 0L));
  }

  long total() {
    return missing + orphan + mismatch;
  }
}
