package io.recon.starter.view;

import io.recon.core.spec.Severity;
import io.recon.starter.StoredCycle;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.CycleStatus.GateView;
import io.recon.workflows.cycle.Decision;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.PendingItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link CycleStatus} of a cycle whose workflow no longer answers the {@code status}
 * query, from the recon store: the same record, with the same fields, as a live cycle's query
 * answer.
 */
public final class CycleViews {
  private CycleViews() {}

  /**
   * The view of a closed cycle: its stored row for the ranges, and the same summary {@code recon
   * report} prints for every count, so that {@code status} and {@code report} can never disagree;
   * its decisions come from the audit ({@link ReportStore#decisions}).
   */
  public static CycleStatus stored(
      StoredCycle c, ReportSummary s, List<Decision> decisions, PendingItems pending) {
    Map<String, Long> severities = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      long n = 0;
      for (Map<String, Long> byKind : s.bySeverity().values()) {
        n += byKind.getOrDefault(severity.name(), 0L);
      }
      severities.put(severity.name().toLowerCase(java.util.Locale.ROOT), n);
    }
    ReportSummary.Gate g = s.gate();
    return new CycleStatus(
        s.cycle(),
        s.spec(),
        s.specVersion(),
        s.mode(),
        s.status(),
        null,
        false,
        s.startedAt(),
        null,
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
        GateView.of(
            g == null
                ? Gate.OPEN
                : new Gate(
                    g.tripped(), g.ratio(), g.threshold() == null ? 0 : g.threshold(), 0, 0)),
        pending,
        decisions,
        s.error(),
        null);
  }

  /**
   * The view of a cycle that failed before the store knew it (for example, refused because another
   * cycle of the job was running): the workflow's failure message is all there is.
   */
  public static CycleStatus failed(String cycleId, String message) {
    return new CycleStatus(
        cycleId,
        null,
        null,
        null,
        "FAILED",
        null,
        false,
        null,
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
        PendingItems.NONE,
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
}
