package io.recon.starter.view;

import io.recon.core.spec.Severity;
import io.recon.starter.StoredCycle;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Decision;
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
        c.volumes().compared(),
        kinds(
            c.persistent().missing(),
            c.persistent().orphan(),
            c.persistent().mismatch(),
            c.persistent().duplicate(),
            c.persistent().invalidKey()),
        severities(c.severities().low(), c.severities().medium(), c.severities().high()),
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
        s.message(),
        null);
  }

  /**
   * The view of a closed cycle: its stored row for the ranges, and the same summary {@code recon
   * report} prints for every count, so that {@code status} and {@code report} can never disagree;
   * its decisions come from the audit ({@link ReportStore#decisions}).
   */
  public static CycleView stored(StoredCycle c, ReportSummary s, List<Decision> decisions) {
    Map<String, Long> severities = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      long n = 0;
      for (Map<String, Long> byKind : s.bySeverity().values()) {
        n += byKind.getOrDefault(severity.name(), 0L);
      }
      severities.put(severity.name().toLowerCase(java.util.Locale.ROOT), n);
    }
    ReportSummary.Gate g = s.gate();
    return new CycleView(
        s.cycle(),
        s.spec(),
        s.mode(),
        s.status(),
        null,
        false,
        s.startedAt(),
        s.finishedAt(),
        c.rangesDone(),
        c.rangesTotal(),
        s.compared(),
        s.discrepancies(),
        severities,
        s.transientCount(),
        s.repaired(),
        s.pendingApproval(),
        s.rejected(),
        s.expired(),
        s.skippedConcurrentChange(),
        s.unresolved(),
        s.failed(),
        s.reported(),
        g == null
            ? gate(Gate.OPEN)
            : gate(
                new Gate(g.tripped(), g.ratio(), g.threshold() == null ? 0 : g.threshold(), 0, 0)),
        decisions,
        s.error(),
        null);
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
        kinds(0, 0, 0, 0, 0),
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
        message,
        null);
  }

  private static Map<String, Long> kinds(
      long missing, long orphan, long mismatch, long duplicate, long invalidKey) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("missing", missing);
    m.put("orphan", orphan);
    m.put("mismatch", mismatch);
    m.put("duplicate_key", duplicate);
    m.put("invalid_key", invalidKey);
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
