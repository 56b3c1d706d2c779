package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteResult;
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
  private Gate gate = Gate.OPEN;
  private RepairCounts repairs = RepairCounts.ZERO;
  // Null until routing; a resumed run that carries it skips comparison and routing.
  private RepairProgress repairProgress;

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
      if (p.repair() != null) {
        this.repairProgress = p.repair();
        this.gate = p.repair().gate();
        this.repairs = p.repair().repairs();
      }
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

  Gate gate() {
    return gate;
  }

  RepairCounts repairs() {
    return repairs;
  }

  Phase phase() {
    return phase;
  }

  /** Whether this run resumes a cycle that had already routed its discrepancies. */
  boolean routedBefore() {
    return repairProgress != null;
  }

  /** The approval deadline of a routed cycle, in workflow time. */
  long approvalDeadlineMillis() {
    return repairProgress.approvalDeadlineMillis();
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

  /** The gate's verdict and what routing held or only reported; a tripped gate shows as GATED. */
  void routed(RouteResult routed, long approvalDeadlineMillis) {
    gate = routed.gate() == null ? Gate.OPEN : routed.gate();
    repairs = repairs.routed(routed.pendingApproval(), routed.reported());
    repairProgress = new RepairProgress(gate, repairs, approvalDeadlineMillis);
    if (gate.tripped()) {
      state = CycleState.GATED;
    }
    touch();
  }

  void repaired(RepairOutcome outcome) {
    updateRepairs(repairs.plus(outcome));
  }

  void decided(long stillPending, long rejected) {
    updateRepairs(repairs.decided(stillPending, rejected));
  }

  void expired(long count) {
    updateRepairs(repairs.expiredAll(count));
  }

  void verified(long unresolved) {
    updateRepairs(repairs.verified(unresolved));
  }

  /**
   * Held repairs wait for a decision; GATED rather than AWAITING_APPROVAL when the gate tripped.
   */
  void awaitingApproval(String why) {
    state = gate.tripped() ? CycleState.GATED : CycleState.AWAITING_APPROVAL;
    phase(Phase.AWAITING_APPROVAL, why);
  }

  /** Nothing is held any more; the gate's verdict stays in {@link #gate()}. */
  void approvalOver() {
    state = CycleState.RUNNING;
    touch();
  }

  void finished(CycleState end, String why) {
    state = end;
    phase = Phase.DONE;
    message = why;
    touch();
  }

  /** The request of the next run, which resumes where this one stands. */
  CycleRequest continuation(List<Decision> decisions, List<String> requestIds) {
    return new CycleRequest(
        request.spec(),
        request.mode(),
        request.initiator(),
        progress(decisions, requestIds),
        request.specVersion());
  }

  /** What the next run starts from. */
  private CycleProgress progress(List<Decision> decisions, List<String> requestIds) {
    return new CycleProgress(
        startedAt,
        rangesTotal,
        nextRange,
        rangesDone,
        counts,
        watermarkFrom,
        watermarkTo,
        runs,
        decisions,
        requestIds,
        repairProgress);
  }

  /** The input of {@code closeCycle} for a cycle ending in {@code end}. */
  CloseCycle close(CycleState end, String error) {
    return close(end, error, null);
  }

  /** As {@link #close(CycleState, String)}, for a cycle someone cancelled. */
  CloseCycle close(CycleState end, String error, CancelRequest cancel) {
    return new CloseCycle(
        cycleId,
        request.spec().name(),
        specHash,
        end,
        rangesTotal,
        rangesDone,
        counts,
        gate,
        watermarkFrom,
        watermarkTo,
        error,
        cancel == null ? null : cancel.by(),
        cancel == null ? null : cancel.reason());
  }

  CycleState state() {
    return state;
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
        repairs,
        gate,
        decisions,
        message,
        startedAt.toEpochMilli(),
        updatedAtMillis);
  }

  private void updateRepairs(RepairCounts next) {
    repairs = next;
    if (repairProgress != null) {
      repairProgress = new RepairProgress(gate, repairs, repairProgress.approvalDeadlineMillis());
    }
    touch();
  }

  private void touch() {
    updatedAtMillis = Workflow.currentTimeMillis();
  }
}
