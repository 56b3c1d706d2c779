package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.partition.PartitionResult;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  // What routing and each decision last read of the items held for approval (bounded, cut).
  private PendingItems pending = PendingItems.NONE;
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
        this.pending = p.repair().pending();
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
    pending = routed.pending();
    repairProgress = new RepairProgress(gate, repairs, approvalDeadlineMillis, pending);
    if (gate.tripped()) {
      state = CycleState.GATED;
    }
    touch();
  }

  void repaired(RepairOutcome outcome) {
    updateRepairs(repairs.plus(outcome));
  }

  /** A decision's effect; {@code items} lists what the store now holds for approval. */
  void decided(long stillPending, long rejected, PendingItems items) {
    pending = items;
    updateRepairs(repairs.decided(stillPending, rejected));
  }

  void expired(long count) {
    pending = PendingItems.NONE;
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

  /** The answer of the {@code status} query; see {@link CycleStatus} for every field. */
  CycleStatus status(List<Decision> decisions) {
    return status(
        cycleId,
        request.spec().name(),
        request.specVersion(),
        request.mode().label(),
        state,
        phase,
        startedAt.toString(),
        Instant.ofEpochMilli(updatedAtMillis).toString(),
        rangesDone,
        rangesTotal,
        counts,
        repairs,
        gate,
        pending,
        decisions,
        message);
  }

  /** The status of a cycle whose spec is still being resolved: nothing is known but its id. */
  static CycleStatus starting(String cycleId, List<Decision> decisions) {
    return status(
        cycleId,
        null,
        null,
        null,
        CycleState.RUNNING,
        Phase.STARTING,
        null,
        null,
        0,
        0,
        Counts.ZERO,
        RepairCounts.ZERO,
        Gate.OPEN,
        PendingItems.NONE,
        decisions,
        "starting");
  }

  private static CycleStatus status(
      String cycleId,
      String spec,
      Integer specVersion,
      String mode,
      CycleState state,
      Phase phase,
      String startedAt,
      String updatedAt,
      int rangesDone,
      int rangesTotal,
      Counts c,
      RepairCounts r,
      Gate gate,
      PendingItems pending,
      List<Decision> decisions,
      String message) {
    Map<String, Long> kinds = new LinkedHashMap<>();
    kinds.put("missing", c.persistent().missing());
    kinds.put("orphan", c.persistent().orphan());
    kinds.put("mismatch", c.persistent().mismatch());
    kinds.put("duplicate_key", c.persistent().duplicate());
    kinds.put("invalid_key", c.persistent().invalidKey());
    Map<String, Long> severities = new LinkedHashMap<>();
    severities.put("low", c.severities().low());
    severities.put("medium", c.severities().medium());
    severities.put("high", c.severities().high());
    return new CycleStatus(
        cycleId,
        spec,
        specVersion,
        mode,
        state.name(),
        phase.name(),
        true,
        startedAt,
        updatedAt,
        null,
        rangesDone,
        rangesTotal,
        c.volumes().compared(),
        kinds,
        severities,
        c.transientCount(),
        r.repaired(),
        r.pendingApproval(),
        r.rejected(),
        r.expired(),
        r.skippedConcurrentChange(),
        r.unresolved(),
        r.failed(),
        r.reported(),
        CycleStatus.GateView.of(gate),
        pending,
        decisions,
        message,
        null);
  }

  private void updateRepairs(RepairCounts next) {
    repairs = next;
    if (repairProgress != null) {
      repairProgress =
          new RepairProgress(gate, repairs, repairProgress.approvalDeadlineMillis(), pending);
    }
    touch();
  }

  private void touch() {
    updatedAtMillis = Workflow.currentTimeMillis();
  }
}
