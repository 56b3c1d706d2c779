package io.recon.cli;

import io.recon.core.canonical.Displays;
import io.recon.starter.report.ReportItem;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The table form of a report, readable at 100 columns. */
public final class ReportTable {
  private final PrintWriter out;

  public ReportTable(PrintWriter out) {
    this.out = out;
  }

  public void print(ReportSummary s, ReportStore store, int limit) {
    out.printf("Cycle    %s%n", s.cycle());
    out.printf("Spec     %s (%s)   Status %s%n", s.spec(), s.mode(), s.status());
    out.printf(
        "Started  %s   Finished %s%n",
        s.startedAt(), s.finishedAt() == null ? "-" : s.finishedAt());
    out.printf(
        Locale.ROOT,
        "Compared %,d records; %,d transient (settled, not drift)%n",
        s.compared(),
        s.transientCount());
    if (s.gate() != null) {
      out.printf(
          Locale.ROOT,
          "Gate     ratio %.4f, threshold %.4f%s%n",
          s.gate().ratio(),
          s.gate().threshold(),
          s.gate().tripped() ? "  TRIPPED" : "");
    }
    if (s.error() != null) {
      out.printf("Error    %s%n", Displays.escape(s.error()));
    }
    out.println();
    out.printf("%-10s %8s %8s %8s %8s%n", "KIND", "LOW", "MEDIUM", "HIGH", "TOTAL");
    for (Map.Entry<String, Long> kind : s.discrepancies().entrySet()) {
      Map<String, Long> sev = s.bySeverity().getOrDefault(kind.getKey(), Map.of());
      out.printf(
          Locale.ROOT,
          "%-10s %,8d %,8d %,8d %,8d%n",
          kind.getKey(),
          sev.getOrDefault("LOW", 0L),
          sev.getOrDefault("MEDIUM", 0L),
          sev.getOrDefault("HIGH", 0L),
          kind.getValue());
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "Repaired %,d  pending approval %,d  rejected %,d  expired %,d%n",
        s.repaired(),
        s.pendingApproval(),
        s.rejected(),
        s.expired());
    out.printf(
        Locale.ROOT,
        "Skipped (concurrent change) %,d  unresolved %,d  failed %,d  reported only %,d%n",
        s.skippedConcurrentChange(),
        s.unresolved(),
        s.failed(),
        s.reported());
    if (!s.topFields().isEmpty()) {
      out.println();
      out.println("Top drifting fields");
      s.topFields()
          .forEach(f -> out.printf(Locale.ROOT, "  %-60s %,8d%n", clip(f.path(), 60), f.count()));
    }
    if (!s.schemaDrift().isEmpty()) {
      out.println();
      out.println("Schema drift (a target field many documents hold in another BSON type)");
      for (ReportSummary.SchemaDrift d : s.schemaDrift()) {
        StringBuilder seen = new StringBuilder();
        d.seen()
            .forEach((type, n) -> seen.append(seen.isEmpty() ? "" : ", ").append(type + " " + n));
        StringBuilder keys = new StringBuilder();
        d.exampleKeys().forEach(k -> keys.append(keys.isEmpty() ? "" : " ").append(k.toString()));
        out.printf(
            Locale.ROOT,
            "  %s: %,d documents, expected %s, seen %s; e.g. %s%n",
            Displays.escape(d.field()),
            d.count(),
            d.expected(),
            seen,
            clip(Displays.escape(keys.toString()), 60));
      }
    }
    out.println();
    out.printf("%-8s %-9s %-7s %-18s %-26s %s%n", "ID", "KIND", "SEV", "STATUS", "KEY", "FIELDS");
    AtomicInteger shown = new AtomicInteger();
    AtomicInteger total = new AtomicInteger();
    store.items(
        s.cycle(),
        item -> {
          total.incrementAndGet();
          if (shown.get() < limit) {
            shown.incrementAndGet();
            row(item);
          }
        });
    if (total.get() > shown.get()) {
      out.printf(
          "... %d more (%s lists all)%n",
          total.get() - shown.get(),
          ShellQuote.command("recon", "report", s.cycle(), "--format", "json"));
    }
  }

  private void row(ReportItem i) {
    out.printf(
        "%-8s %-9s %-7s %-18s %-26s %s%n",
        clip(i.id(), 8),
        i.kind(),
        i.severity(),
        clip(i.status(), 18),
        clip(Displays.escape(i.key().toString()), 26),
        clip(String.join(",", i.fields()), 26));
    // What a reviewer must see before approving: each differing field's two values.
    i.diffs().forEach(d -> out.println(clip("         " + d.describe(), 100)));
  }

  private static String clip(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    // Never split a surrogate pair.
    int end = Character.isHighSurrogate(s.charAt(width - 2)) ? width - 2 : width - 1;
    return s.substring(0, end) + "~";
  }
}
