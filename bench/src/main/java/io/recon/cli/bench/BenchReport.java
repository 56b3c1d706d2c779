package io.recon.cli.bench;

import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.RepairCounts;
import java.util.List;
import java.util.Map;

/** Every figure of one bench run: what the table shows and what the JSON file holds. */
record BenchReport(
    String date,
    Map<String, Object> machine,
    Map<String, String> engines,
    Options options,
    List<Dataset> datasets,
    List<Target> targets,
    List<String> notes) {

  record Options(
      long records,
      double divergence,
      int partitions,
      int parallelism,
      String workerXmx,
      boolean external,
      boolean sticky) {}

  /**
   * One seeded dataset and the runs on it.
   *
   * @param rawFloorCpuSeconds CPU time of one more read of both sides by the bare drivers, one
   *     after the other (the bench JVM holds the clients and the MongoDB server; null where it
   *     cannot be read)
   */
  record Dataset(
      long records,
      double seedSourceSeconds,
      double seedTargetSeconds,
      Planted planted,
      Floor.Figures floor,
      List<Cycle> cycles,
      CpuMeter.Figures rawFloorCpuSeconds) {

    Cycle cycle(String name) {
      return cycles.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
  }

  /**
   * One cycle through Temporal.
   *
   * @param recordsPerSecond keys compared per second of detection
   * @param ratioToRawFloor detection time over the raw floor, the larger of the two bare-driver
   *     reads: the headline
   * @param ratioToFloorMax detection time over the readers' floor, the larger of the two
   *     canonicalizing reads
   * @param ratioToFloorSum detection time over the floor with the sides read one after the other
   * @param ratioToFull this cycle's time over the full detection cycle's (incremental)
   * @param repairsPerSecond repairs over the time of the cycle's repair phase, or of the whole
   *     cycle when the status query never showed one
   * @param repairActivitySeconds the {@code Repair} activities' own time in the cycle's history,
   *     from scheduling to completion, summed; null when none ran
   * @param repairsPerActivitySecond repairs over {@code repairActivitySeconds}: the repair rate
   *     without the status polling's 100 ms quantization of the phase
   * @param steps where the time went, from the histories: activities, children, timers, tasks
   * @param check whether detection found exactly what was planted, or why that is not expected
   * @param cpuSeconds CPU time each process used from the cycle's start to its end (null where it
   *     cannot be read: not Linux, or engines on other machines)
   */
  record Cycle(
      String name,
      String mode,
      int partitions,
      int parallelism,
      List<String> autoRepair,
      String cycleId,
      String state,
      String message,
      double detectionSeconds,
      double seconds,
      double recordsPerSecond,
      Double ratioToRawFloor,
      Double ratioToFloorMax,
      Double ratioToFloorSum,
      Double ratioToFull,
      Double repairsPerSecond,
      Double repairActivitySeconds,
      Double repairsPerActivitySecond,
      Long changedRows,
      Counts counts,
      RepairCounts repairs,
      Map<String, Double> phaseSeconds,
      HeapSampler.HeapFigures workerHeap,
      Histories.Figures history,
      Steps.Figures steps,
      String check,
      CpuMeter.Figures cpuSeconds) {}

  /** A performance target and whether this run met it. */
  record Target(String target, String measured, Boolean met) {}
}
