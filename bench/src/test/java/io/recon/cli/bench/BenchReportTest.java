package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.RepairCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static BenchReport.Cycle cycle(
      String name, double seconds, Double toFloor, Double toFull) {
    return new BenchReport.Cycle(
        name,
        "full",
        16,
        4,
        List.of(),
        "bench-" + name,
        "COMPLETED",
        "",
        seconds,
        seconds,
        1000.0,
        toFloor == null ? null : toFloor * 2,
        toFloor,
        toFloor == null ? null : toFloor / 2,
        toFull,
        null,
        null,
        null,
        null,
        Counts.ZERO,
        RepairCounts.ZERO,
        Map.of("COMPARING", seconds),
        new HeapSampler.HeapFigures(120.5, 40.0, 10, 3, 0, 0.1),
        new Histories.Figures(150, 1, 150, 16, 17, "bench-x-range-0"),
        new Steps.Figures(
            List.of(new Steps.Step("planRanges", 1, 0.2, 0.01, 0.2)),
            List.of(new Steps.Step("compareRange", 16, 3.2, 0.1, 0.3))),
        "found exactly what was planted",
        new CpuMeter.Figures(3.1, 4.2, 1.5, 8.8, 0.9));
  }

  private static BenchReport report() {
    var floor = new Floor.Figures(1000, 1000, 0.5, 0.6, 1.0, 1.2, 1.2, 2.2, 1.3, 0.6, 2.0, 2.0);
    var n =
        new BenchReport.Dataset(
            1000,
            0.1,
            0.2,
            new Planted(1, 1, 8, 5, 1, 4),
            floor,
            List.of(cycle("detection", 1.5, 1.25, null), cycle("incremental-1pct", 0.3, null, 0.2)),
            new CpuMeter.Figures(0.0, 1.1, 0.3, 1.4, 0.0));
    return new BenchReport(
        "2026-01-01T00:00:00Z",
        BenchCommand.machine(),
        Map.of("mongo", "mongo-java-server"),
        new BenchReport.Options(1000, 0.01, 16, 4, "256m", false, true),
        List.of(n),
        Targets.check(List.of(n), "256m"),
        List.of("a note"));
  }

  @Test
  void jsonHoldsMachineEnginesFloorCyclesAndTargets() throws Exception {
    JsonNode json = new ObjectMapper().readTree(BenchCommand.json(report()));
    assertTrue(json.at("/machine/cores").asInt() > 0);
    assertTrue(json.at("/machine/jvm").asText().contains("17") || json.has("machine"));
    assertEquals("mongo-java-server", json.at("/engines/mongo").asText());
    assertEquals(1.2, json.at("/datasets/0/floor/maxSeconds").asDouble());
    assertEquals(2.2, json.at("/datasets/0/floor/sumSeconds").asDouble());
    assertEquals(1.25, json.at("/datasets/0/cycles/0/ratioToFloorMax").asDouble());
    assertEquals(120.5, json.at("/datasets/0/cycles/0/workerHeap/peakUsedMb").asDouble());
    assertEquals(150, json.at("/datasets/0/cycles/0/history/parentEvents").asInt());
    assertEquals("compareRange", json.at("/datasets/0/cycles/0/steps/ranges/0/name").asText());
    assertEquals(16, json.at("/datasets/0/cycles/0/steps/ranges/0/count").asInt());
    assertEquals(8, json.at("/datasets/0/planted/mismatch").asInt());
    assertEquals(2.5, json.at("/datasets/0/cycles/0/ratioToRawFloor").asDouble());
    assertEquals(0.6, json.at("/datasets/0/floor/rawMaxSeconds").asDouble());
    assertEquals(5, json.at("/targets").size());
  }

  @Test
  void targetsSayWhichAreMet() {
    List<BenchReport.Target> targets = report().targets();
    assertFalse(targets.get(0).met(), "2.5x the raw floor is over 2.0x");
    assertTrue(targets.get(0).measured().startsWith("2.50x"), targets.get(0).measured());
    assertFalse(targets.get(1).met(), "SourceReader at 2.0x its bare read is over 1.5x");
    assertFalse(targets.get(2).met(), "TargetReader at 2.0x its bare read is over 1.5x");
    assertFalse(targets.get(3).met(), "20% is not under 10%");
    assertTrue(targets.get(4).met(), "120.5 MB < 256 MB");
  }

  @Test
  void theRepairTargetReportsThePhaseRateAndTheRepairActivitysOwnRate() throws Exception {
    var floor = new Floor.Figures(1000, 1000, 0.5, 0.6, 1.0, 1.2, 1.2, 2.2, 1.3, 0.6, 2.0, 2.0);
    var repair =
        new BenchReport.Cycle(
            "auto-repair-low",
            "full",
            16,
            4,
            List.of("low"),
            "bench-auto-repair-low",
            "COMPLETED",
            "",
            1.0,
            3.0,
            1000.0,
            1.0,
            1.0,
            0.5,
            null,
            800.0,
            0.8,
            1000.0,
            null,
            Counts.ZERO,
            new RepairCounts(800, 0, 10, 0, 0, 0, 0, 0),
            Map.of("REPAIRING", 1.0),
            null,
            null,
            new Steps.Figures(List.of(new Steps.Step("Repair", 1, 0.8, 0.0, 0.8)), List.of()),
            "found exactly what was planted",
            null);
    var n =
        new BenchReport.Dataset(
            1000, 0.1, 0.2, new Planted(1, 1, 8, 5, 1, 4), floor, List.of(repair), null);
    var report =
        new BenchReport(
            "2026-01-01T00:00:00Z",
            BenchCommand.machine(),
            Map.of(),
            new BenchReport.Options(1000, 0.01, 16, 4, "256m", false, true),
            List.of(n),
            Targets.check(List.of(n), "256m"),
            List.of());
    BenchReport.Target target =
        report.targets().stream()
            .filter(t -> t.target().startsWith("automatic repair"))
            .findFirst()
            .orElseThrow();
    assertFalse(target.met(), "the target is judged on the phase's 800/s, as before");
    assertEquals(
        "800/s (800 repaired; 1,000/s over the Repair activity's 0.80 s)", target.measured());
    JsonNode json = new ObjectMapper().readTree(BenchCommand.json(report));
    assertEquals(800.0, json.at("/datasets/0/cycles/0/repairsPerSecond").asDouble());
    assertEquals(0.8, json.at("/datasets/0/cycles/0/repairActivitySeconds").asDouble());
    assertEquals(1000.0, json.at("/datasets/0/cycles/0/repairsPerActivitySecond").asDouble());
    assertEquals(0.8, Steps.seconds(repair.steps().cycle(), "Repair"));
    assertEquals(null, Steps.seconds(repair.steps().cycle(), "Verify"));
  }

  @Test
  void theBenchJobParsesWithNoAutomaticRepair() {
    var spec = BenchSpec.of(16, 4, List.of());
    assertTrue(spec.repair().auto().isEmpty());
    assertEquals(16, spec.partitions());
    assertTrue(spec.settle().isZero());
    assertEquals(1, BenchSpec.of(1, 4, List.of("low")).repair().auto().size());
  }
}
