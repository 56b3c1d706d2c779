package io.recon.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The performance targets of docs/performance.md, checked against one run's figures. */
final class Targets {
  static final double DETECTION_OVER_RAW_FLOOR = 2.0;
  static final double READER_OVER_RAW = 1.5;
  static final double REPAIRS_PER_SECOND = 1_000;
  static final double INCREMENTAL_OVER_FULL = 0.10;

  private Targets() {}

  /** The cycle's CPU beside the raw floor's, where both were measured. */
  private static String cpu(BenchReport.Cycle c, BenchReport.Dataset d) {
    CpuMeter.Figures cycle = c.cpuSeconds();
    CpuMeter.Figures floor = d.rawFloorCpuSeconds();
    if (cycle == null || floor == null || cycle.total() == null || floor.total() == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "; CPU %.2f s (worker %.2f, of it JIT %s) against the raw floor's %.2f s",
        cycle.total(),
        cycle.worker(),
        cycle.workerJit() == null ? "?" : String.format(Locale.ROOT, "%.2f", cycle.workerJit()),
        floor.total());
  }

  static List<BenchReport.Target> check(List<BenchReport.Dataset> datasets, String workerXmx) {
    var list = new ArrayList<BenchReport.Target>();
    for (BenchReport.Dataset d : datasets) {
      BenchReport.Cycle c = d.cycle("detection");
      if (c != null && c.ratioToRawFloor() != null) {
        list.add(
            new BenchReport.Target(
                String.format(
                    Locale.ROOT,
                    "full detection cycle <= %.1fx the raw floor (larger bare-driver read), N=%,d",
                    DETECTION_OVER_RAW_FLOOR,
                    d.records()),
                String.format(
                        Locale.ROOT,
                        "%.2fx (%.2f s over %.2f s; %.2fx the readers' floor of %.2f s)",
                        c.ratioToRawFloor(),
                        c.detectionSeconds(),
                        d.floor().rawMaxSeconds(),
                        c.ratioToFloorMax(),
                        d.floor().maxSeconds())
                    + cpu(c, d),
                c.ratioToRawFloor() <= DETECTION_OVER_RAW_FLOOR));
      }
    }
    for (BenchReport.Dataset d : datasets) {
      Floor.Figures f = d.floor();
      list.add(
          reader(
              "SourceReader",
              "bare JDBC",
              f.sourceOverRaw(),
              f.sourceSeconds(),
              f.rawSourceSeconds(),
              d));
      list.add(
          reader(
              "TargetReader",
              "bare driver",
              f.targetOverRaw(),
              f.targetSeconds(),
              f.rawTargetSeconds(),
              d));
    }
    BenchReport.Cycle repair = datasets.get(0).cycle("auto-repair-low");
    if (repair != null && repair.repairsPerSecond() != null) {
      list.add(
          new BenchReport.Target(
              String.format(Locale.ROOT, "automatic repair >= %,.0f repairs/s", REPAIRS_PER_SECOND),
              String.format(
                  Locale.ROOT,
                  "%,.0f/s (%,d repaired; %s)",
                  repair.repairsPerSecond(),
                  repair.repairs().repaired(),
                  repair.repairsPerActivitySecond() == null
                      ? "the Repair activity's time unknown"
                      : String.format(
                          Locale.ROOT,
                          "%,.0f/s over the Repair activity's %.2f s",
                          repair.repairsPerActivitySecond(),
                          repair.repairActivitySeconds())),
              repair.repairsPerSecond() >= REPAIRS_PER_SECOND));
    }
    BenchReport.Cycle inc = datasets.get(0).cycle("incremental-1pct");
    if (inc != null && inc.ratioToFull() != null) {
      list.add(
          new BenchReport.Target(
              "incremental cycle after 1% changed < 10% of the full cycle",
              String.format(Locale.ROOT, "%.1f%% (%.2f s)", inc.ratioToFull() * 100, inc.seconds()),
              inc.ratioToFull() < INCREMENTAL_OVER_FULL));
    }
    for (BenchReport.Dataset d : datasets) {
      BenchReport.Cycle c = d.cycle("detection");
      if (c == null) {
        continue;
      }
      String target =
          String.format(
              Locale.ROOT, "peak worker heap < 256 MB, N=%,d (-Xmx%s)", d.records(), workerXmx);
      if (c.workerHeap() == null) {
        list.add(new BenchReport.Target(target, "not sampled", null));
      } else {
        boolean ok = c.workerHeap().peakUsedMb() < 256 && !c.state().equals("WORKER_DIED");
        list.add(
            new BenchReport.Target(
                target,
                String.format(
                    Locale.ROOT,
                    "%.1f MB used at peak, old gen %.1f MB, %d young / %d full GCs (%s)",
                    c.workerHeap().peakUsedMb(),
                    c.workerHeap().peakOldMb(),
                    c.workerHeap().youngGcs(),
                    c.workerHeap().fullGcs(),
                    c.state()),
                ok));
      }
    }
    return list;
  }

  private static BenchReport.Target reader(
      String reader, String bare, double ratio, double seconds, double raw, BenchReport.Dataset d) {
    return new BenchReport.Target(
        String.format(
            Locale.ROOT,
            "%s <= %.1fx the %s read of the same query, N=%,d",
            reader,
            READER_OVER_RAW,
            bare,
            d.records()),
        String.format(Locale.ROOT, "%.2fx (%.2f s over %.2f s)", ratio, seconds, raw),
        ratio <= READER_OVER_RAW);
  }
}
