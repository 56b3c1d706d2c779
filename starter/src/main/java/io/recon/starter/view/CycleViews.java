package io.recon.starter.view;

import io.recon.starter.StoredCycle;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.RepairCounts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link CycleView}s from the live query and from the store. */
public final class CycleViews {
  private CycleViews() {}

  /** The view of a running cycle, from its {@code status} query. */
  public static CycleView live(CycleStatus s) {
    Counts c = s.counts();
    RepairCounts r = s.repairs() == null ? RepairCounts.ZERO : s.repairs();
    Gate g = s.gate() == null ? Gate.OPEN : s.gate();
    return new CycleView(
        s.cycleId(),
        s.spec(),
        s.mode().label(),
        s.state().name(),
        s.phase().name(),
        true,
        Instant.ofEpochMilli(s.startedAtMillis()).toString(),
        null,
        s.rangesDone(),
        s.rangesTotal(),
        c.compared(),
        kinds(c.missing(), c.orphan(), c.mismatch()),
        severities(c.low(), c.medium(), c.high()),
        c.transientCount(),
        r.repaired(),
        r.pendingApproval(),
        r.rejected(),
        r.expired(),
        r.skippedConcurrentChange(),
        r.unresolved(),
        r.failed(),
        r.reported(),
        gate(g),
        s.decisions(),
        s.message());
  }

  /**
   * The view of a closed cycle, from its stored row and the count of its discrepancies by status
   * and by severity.
   */
  public static CycleView stored(
      StoredCycle c, Map<String, Long> byStatus, Map<String, Long> bySeverity) {
    Gate g =
        c.gateRatio() == null
            ? Gate.OPEN
            : new Gate(
                "GATED".equals(c.status()) || c.gateRatio() > c.gateThreshold(),
                c.gateRatio(),
                c.gateThreshold() == null ? 0 : c.gateThreshold(),
                0,
                0);
    return new CycleView(
        c.cycleId(),
        c.specName(),
        c.mode().toLowerCase(java.util.Locale.ROOT),
        c.status(),
        null,
        false,
        text(c.startedAt()),
        text(c.finishedAt()),
        c.rangesDone(),
        c.rangesTotal(),
        c.compared(),
        kinds(c.missing(), c.orphan(), c.mismatch()),
        severities(
            bySeverity.getOrDefault("LOW", 0L),
            bySeverity.getOrDefault("MEDIUM", 0L),
            bySeverity.getOrDefault("HIGH", 0L)),
        c.transientCount(),
        byStatus.getOrDefault("REPAIRED", 0L),
        byStatus.getOrDefault("PENDING_APPROVAL", 0L),
        byStatus.getOrDefault("REJECTED", 0L),
        byStatus.getOrDefault("EXPIRED", 0L),
        byStatus.getOrDefault("SKIPPED_CONCURRENT_CHANGE", 0L),
        byStatus.getOrDefault("UNRESOLVED", 0L),
        byStatus.getOrDefault("FAILED", 0L),
        byStatus.getOrDefault("REPORTED", 0L),
        gate(g),
        List.of(),
        c.error());
  }

  /**
   * The view of a cycle that failed before the store knew it (for example, refused because another
   * cycle of the job was running): the workflow's failure message is all there is.
   */
  public static CycleView failed(String cycleId, String message) {
    return new CycleView(
        cycleId,
        null,
        null,
        "FAILED",
        null,
        false,
        null,
        null,
        0,
        0,
        0,
        kinds(0, 0, 0),
        severities(0, 0, 0),
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        null,
        List.of(),
        message);
  }

  private static Map<String, Long> kinds(long missing, long orphan, long mismatch) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("missing", missing);
    m.put("orphan", orphan);
    m.put("mismatch", mismatch);
    return m;
  }

  private static Map<String, Long> severities(long low, long medium, long high) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("low", low);
    m.put("medium", medium);
    m.put("high", high);
    return m;
  }

  private static CycleView.GateView gate(Gate g) {
    return new CycleView.GateView(g.tripped(), g.ratio(), g.threshold(), g.describe());
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
