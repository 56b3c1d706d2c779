package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.partition.PartitionResult;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * The in-memory state of a cycle's current run: what {@code status} answers from and what
 * continue-as-new carries. Every change stamps the workflow's clock, so {@code status} is a read of
 * fields and nothing more.
 */
final class CycleTracker {
  private final CycleRequest request;
  private final String cycleId;
  private final String specHash;
  private final Instant startedAt;
  private final int runs;
  private CycleState state = CycleState.RUNNING;
  private Phase phase = Phase.STARTING;
  private String message = "starting";
  private long updatedAtMillis;
  private int rangesTotal;
  private int nextRange;
  private int rangesDone;
  private Counts counts = Counts.ZERO;
  private Instant watermarkFrom;
  private Instant watermarkTo;

  /** The state of a new cycle, or of a cycle resumed from {@code request.resume()}. */
  CycleTracker(CycleRequest request, String cycleId) {
    this.request = request;
    this.cycleId = cycleId;
    this.specHash = request.spec().canonicalHash();
    this.updatedAtMillis = Workflow.currentTimeMillis();
    CycleProgress p = request.resume();
    if (p == null) {
      this.startedAt = Instant.ofEpochMilli(updatedAtMillis);
      this.runs = 1;
    } else {
      this.startedAt = p.startedAt();
      this.runs = p.runs() + 1;
      this.rangesTotal = p.rangesTotal();
      this.nextRange = p.nextRange();
      this.rangesDone = p.rangesDone();
      this.counts = p.counts();
      this.watermarkFrom = p.watermarkFrom();
      this.watermarkTo = p.watermarkTo();
    }
  }

  JobSpec spec() {
    return request.spec();
  }

  String cycleId() {
    return cycleId;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant since() {
    return watermarkFrom;
  }

  Counts counts() {
    return counts;
  }

  int rangesTotal() {
    return rangesTotal;
  }

  int rangesDone() {
    return rangesDone;
  }

  int nextRange() {
    return nextRange;
  }

  int runs() {
    return runs;
  }

  boolean hasUnstartedRanges() {
    return nextRange < rangesTotal;
  }

  void phase(Phase next, String why) {
    phase = next;
    message = why;
    touch();
  }

  void planned(int ranges, Instant since, Instant to) {
    rangesTotal = ranges;
    watermarkFrom = since;
    watermarkTo = to;
    touch();
  }

  void rangeStarted() {
    nextRange++;
    touch();
  }

  void rangeDone(PartitionResult result) {
    rangesDone++;
    counts = counts.plus(result.counts());
    message = "compared " + rangesDone + " of " + rangesTotal + " ranges";
    touch();
  }

  void finished(CycleState end, String why) {
    state = end;
    phase = Phase.DONE;
    message = why;
    touch();
  }

  /** What the next run starts from. */
  CycleProgress progress(List<Decision> decisions) {
    return new CycleProgress(
        startedAt,
        rangesTotal,
        nextRange,
        rangesDone,
        counts,
        watermarkFrom,
        watermarkTo,
        runs,
        decisions);
  }

  /** The input of {@code closeCycle} for a cycle ending in {@code end}. */
  CloseCycle close(CycleState end, String error) {
    return new CloseCycle(
        cycleId,
        request.spec().name(),
        specHash,
        end,
        rangesTotal,
        rangesDone,
        counts,
        Gate.OPEN,
        watermarkFrom,
        watermarkTo,
        error);
  }

  CycleStatus status(List<Decision> decisions) {
    return new CycleStatus(
        cycleId,
        request.spec().name(),
        request.mode(),
        state,
        phase,
        rangesDone,
        rangesTotal,
        counts,
        RepairCounts.ZERO,
        Gate.OPEN,
        decisions,
        message,
        startedAt.toEpochMilli(),
        updatedAtMillis);
  }

  private void touch() {
    updatedAtMillis = Workflow.currentTimeMillis();
  }
}
