package io.recon.cli.bench;

import io.recon.core.spec.JobSpec;
import io.recon.starter.CycleClient;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.cycle.RepairCounts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs one cycle through Temporal and times it. Completion is awaited with a long poll on the
 * result, so the end is exact; every 100 ms the {@code status} query records which phase the cycle
 * is in. A cycle that holds repairs for a human gets a {@code reject} for everything at once, so
 * that it ends and the next one can start: detection ends at that moment.
 */
final class CycleTimer {
  private static final long POLL_MILLIS = 100;
  private final CycleClient cycles;
  private final BooleanSupplier workerAlive;
  private final Duration timeout;

  /**
   * @param workerAlive false once the worker has died (out of memory, say): the cycle could never
   *     end, so it is terminated and reported as such
   */
  CycleTimer(CycleClient cycles, BooleanSupplier workerAlive, Duration timeout) {
    this.cycles = cycles;
    this.workerAlive = workerAlive;
    this.timeout = timeout;
  }

  /**
   * @param detectionSeconds until the cycle completed or held repairs for approval
   * @param seconds until the workflow ended
   * @param phaseSeconds time in each phase, as the status query saw it (to within 100 ms)
   */
  record Run(
      String cycleId,
      String state,
      String message,
      double detectionSeconds,
      double seconds,
      Counts counts,
      RepairCounts repairs,
      int ranges,
      Map<String, Double> phaseSeconds) {}

  Run run(JobSpec spec, Mode mode, String label) throws InterruptedException {
    String id = "bench-" + label + "-" + System.currentTimeMillis();
    long t0 = System.nanoTime();
    cycles.start(spec, mode, BenchSpec.APPROVER, id);
    CompletableFuture<CycleResult> result =
        cycles.workflowClient().newUntypedWorkflowStub(id).getResultAsync(CycleResult.class);
    var phases = new LinkedHashMap<String, Long>();
    Long heldAt = null;
    int ranges = spec.partitions();
    while (true) {
      try {
        CycleResult r = result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        long end = System.nanoTime();
        return new Run(
            id,
            r.state().name(),
            r.message(),
            secs(t0, heldAt != null ? heldAt : end),
            secs(t0, end),
            r.counts(),
            r.repairs(),
            ranges,
            durations(phases, t0, end));
      } catch (TimeoutException e) {
        // Still running: look at its status below.
      } catch (ExecutionException e) {
        long end = System.nanoTime();
        return new Run(
            id,
            "FAILED",
            String.valueOf(e.getCause()),
            secs(t0, end),
            secs(t0, end),
            Counts.ZERO,
            RepairCounts.ZERO,
            ranges,
            durations(phases, t0, end));
      }
      String stop =
          !workerAlive.getAsBoolean()
              ? "WORKER_DIED"
              : System.nanoTime() - t0 > timeout.toNanos() ? "TIMED_OUT" : null;
      if (stop != null) {
        long end = System.nanoTime();
        cycles.workflowClient().newUntypedWorkflowStub(id).terminate("bench: " + stop);
        return new Run(
            id,
            stop,
            stop.equals("WORKER_DIED")
                ? "the worker JVM exited (see its log); the cycle was terminated"
                : "no end within " + timeout + "; the cycle was terminated",
            secs(t0, end),
            secs(t0, end),
            Counts.ZERO,
            RepairCounts.ZERO,
            ranges,
            durations(phases, t0, end));
      }
      CycleStatus s;
      try {
        s = cycles.queryStatus(id);
      } catch (RuntimeException e) {
        continue; // the first workflow task has not run yet, or the worker is busy
      }
      long now = System.nanoTime();
      phases.putIfAbsent(s.phase(), now);
      ranges = Math.max(ranges, s.rangesTotal());
      boolean held = s.state() == CycleState.AWAITING_APPROVAL || s.state() == CycleState.GATED;
      if (held && heldAt == null && s.pendingApproval() > 0) {
        heldAt = now;
        cycles.signal(
            id,
            ReconciliationWorkflow.REJECT,
            Map.of("approver", BenchSpec.APPROVER, "reason", "benchmark: detection only"));
      }
    }
  }

  private static Map<String, Double> durations(Map<String, Long> phases, long t0, long end) {
    // Time before the first answer of the query is the start of the workflow: STARTING.
    var out = new LinkedHashMap<String, Double>();
    String previous = "STARTING";
    long since = t0;
    for (var e : phases.entrySet()) {
      out.merge(previous, Floor.round((e.getValue() - since) / 1e9), Double::sum);
      previous = e.getKey();
      since = e.getValue();
    }
    out.merge(previous, Floor.round((end - since) / 1e9), Double::sum);
    return out;
  }

  private static double secs(long t0, long t1) {
    return Floor.round((t1 - t0) / 1e9);
  }
}
