package io.recon.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The report as a table on stdout: the same figures as the JSON file. */
final class BenchTable {
  private final PrintWriter out;

  BenchTable(PrintWriter out) {
    this.out = out;
  }

  void print(BenchReport r) {
    line("");
    line("recon bench, %s", r.date());
    line("machine: %s", r.machine());
    r.engines().forEach((k, v) -> line("%-9s %s", k + ":", v));
    for (BenchReport.Dataset d : r.datasets()) {
      dataset(d);
    }
    line("");
    line("targets");
    for (BenchReport.Target t : r.targets()) {
      String verdict = t.met() == null ? "n/a" : t.met() ? "MET" : "MISSED";
      line("  %-7s %s: %s", verdict, t.target(), t.measured());
    }
    r.notes().forEach(n -> line("note: %s", n));
    out.flush();
  }

  private void dataset(BenchReport.Dataset d) {
    Floor.Figures f = d.floor();
    line("");
    line(
        "N = %,d records; seeded in %.1f s (source) + %.1f s (target); planted %s",
        d.records(), d.seedSourceSeconds(), d.seedTargetSeconds(), d.planted());
    line(
        "%-58s %9s %12s",
        "floor: read both sides once, key order, one range", "seconds", "records/s");
    floorLine(
        "source, SourceReader pages of 5,000 (canonicalizes)", f.sourceSeconds(), f.sourceRows());
    floorLine(
        "target, TargetReader stream, batch 5,000 (canonicalizes)",
        f.targetSeconds(),
        f.targetDocuments());
    floorLine("source, raw JDBC, same SQL and paging", f.rawSourceSeconds(), f.sourceRows());
    floorLine(
        "target, raw driver, same find/projection/sort", f.rawTargetSeconds(), f.targetDocuments());
    floorLine(
        "raw floor = max(raw source, raw target): the headline", f.rawMaxSeconds(), f.sourceRows());
    floorLine("readers' floor = max(source, target)", f.maxSeconds(), f.sourceRows());
    floorLine("readers' floor = source + target", f.sumSeconds(), f.sourceRows());
    floorLine("both readers at once (measured)", f.parallelSeconds(), f.sourceRows());
    line(
        "  readers over their bare reads: source %.2fx, target %.2fx",
        f.sourceOverRaw(), f.targetOverRaw());
    line(
        "%-24s %3s %3s %9s %9s %10s %7s %7s %7s %8s %8s %7s %s",
        "cycle",
        "P",
        "K",
        "detect s",
        "total s",
        "records/s",
        "x raw",
        "x max",
        "x sum",
        "heap MB",
        "events",
        "child",
        "outcome");
    for (BenchReport.Cycle c : d.cycles()) {
      line(
          "%-24s %3d %3d %9.2f %9.2f %,10.0f %7s %7s %7s %8s %8s %7s %s",
          c.name(),
          c.partitions(),
          c.parallelism(),
          c.detectionSeconds(),
          c.seconds(),
          c.recordsPerSecond(),
          ratio(c.ratioToRawFloor()),
          ratio(c.ratioToFloorMax()),
          ratio(c.ratioToFloorSum()),
          c.workerHeap() == null
              ? "?"
              : String.format(Locale.ROOT, "%.0f", c.workerHeap().peakUsedMb()),
          c.history() == null
              ? "?"
              : c.history().parentEvents() + "/" + c.history().parentRuns() + "r",
          c.history() == null ? "?" : Integer.toString(c.history().largestChildEvents()),
          outcome(c));
    }
  }

  private static String outcome(BenchReport.Cycle c) {
    var s = new StringBuilder(c.state());
    s.append(String.format(Locale.ROOT, ", %,d discrepancies", c.counts().discrepancies()));
    if (c.repairs().repaired() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              ", repaired %,d (%.0f/s%s)",
              c.repairs().repaired(),
              c.repairsPerSecond(),
              c.repairsPerActivitySecond() == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; %.0f/s of the Repair activity",
                      c.repairsPerActivitySecond())));
    }
    if (c.ratioToFull() != null) {
      s.append(
          String.format(
              Locale.ROOT,
              ", %,d rows changed, %.1f%% of the full cycle",
              c.changedRows(),
              c.ratioToFull() * 100));
    }
    if (c.check() != null && c.check().startsWith("DIFFERS")) {
      s.append(", ").append(c.check());
    }
    return s.toString();
  }

  private void floorLine(String label, double seconds, long rows) {
    line("  %-56s %9.2f %,12.0f", label, seconds, seconds > 0 ? rows / seconds : 0);
  }

  private static String ratio(Double r) {
    return r == null ? "-" : String.format(Locale.ROOT, "%.2f", r);
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
