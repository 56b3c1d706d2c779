package io.recon.workflows.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.CycleOpened;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.approval.ApprovalDesk;
import io.recon.workflows.approval.ApprovalPayload;
import io.recon.workflows.approval.Verdict;
import io.recon.workflows.failure.FailureReason;
import io.recon.workflows.failure.FailureType;
import io.recon.workflows.input.CycleInput;
import io.recon.workflows.input.RawJson;
import io.recon.workflows.input.StartInput;
import io.recon.workflows.partition.PartitionRequest;
import io.recon.workflows.partition.PartitionResult;
import io.recon.workflows.partition.PartitionWorkflow;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * A cycle: open it in the store, plan ranges, compare them through a window of partition children,
 * route, repair and wait for approval ({@link RepairPhase}), verify, and close it with the totals.
 * Long cycles continue as new every few hundred children, and a long approval wait every few
 * hundred decisions, carrying {@link CycleProgress}. Deterministic: all I/O happens in activities
 * and children.
 *
 * <p>Signals are decided only while the cycle awaits approval. One that arrives before (while
 * comparing, say) or after is refused at once with "the cycle is not awaiting approval (phase X)",
 * visible in {@code status} immediately and audited when the workflow next can call an activity:
 * after the next range completes, or before the run ends. It is not held for later: an approval
 * given before the approver could see what it approves would not be an informed one.
 */
public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {
  private static final Logger log = Workflow.getLogger(ReconciliationWorkflowImpl.class);

  private final RunBudget budget;
  private final StoreActivities store =
      Workflow.newActivityStub(StoreActivities.class, CycleOptions.store());
  private final CompareActivities planner =
      Workflow.newActivityStub(CompareActivities.class, CycleOptions.planning());
  private final ApprovalDesk approvals =
      new ApprovalDesk(
          () -> this.cycle == null ? Phase.STARTING.name() : this.cycle.phase().name());
  private CycleTracker cycle;
  private RepairPhase repairs;
  private Escalations escalations;
  // Who asked to cancel and why, from the cancel signal; null until one arrives.
  private CancelRequest cancelRequest;
  // The window of partition children while ranges are compared, so a cancel can wait for them.
  private PartitionWindow window;

  public ReconciliationWorkflowImpl() {
    this(new RunBudget());
  }

  ReconciliationWorkflowImpl(RunBudget budget) {
    this.budget = budget;
  }

  /**
   * Runs the cycle to its end. An input that does not parse fails the workflow at once with
   * BAD_REQUEST (there is no cycle to record it on). A permanent failure (bad spec, missing column,
   * unauthorized, an unexpected error...) or a transient one that outlasted its bounded retries
   * closes the cycle as FAILED and fails the workflow with the same type and message.
   */
  @Override
  public CycleResult reconcile(RawValue input) {
    CycleRequest request = resolve(CycleInput.parse(input));
    cycle = new CycleTracker(request, Workflow.getInfo().getWorkflowId());
    escalations = new Escalations(cycle);
    repairs = new RepairPhase(cycle, approvals, budget, escalations);
    CycleProgress resume = request.resume();
    approvals.open(
        request.spec().approvers(),
        resume == null ? List.of() : resume.decisions(),
        resume == null ? List.of() : resume.requestIds());
    try {
      if (resume == null) {
        open(request);
      }
      if (!cycle.routedBefore()) {
        compareRanges(request);
      }
      repairs.run();
      return complete();
    } catch (TemporalFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        // Activities are awaited on cancellation, and children are awaited here, so the close
        // records a cycle that no longer writes. A detached scope lets that activity run.
        Workflow.newDetachedCancellationScope(
                () -> {
                  if (window != null) {
                    window.awaitAllFinished();
                  }
                  closeAsCancelled();
                })
            .run();
        throw e;
      }
      throw fail(e);
    }
  }

  /**
   * The request to run. A cycle started by name reads its spec from the registry first, in an
   * activity, so the spec it runs with is in the history and a replay never reads the registry
   * again. An unknown name or version fails the workflow at once with UNKNOWN_SPEC: there is no
   * cycle to record it on, and retrying would not make the spec exist.
   */
  private CycleRequest resolve(StartInput start) {
    if (start.ready() != null) {
      return start.ready();
    }
    try {
      return start.resolved(store.resolveSpec(start.byName()));
    } catch (ActivityFailure e) {
      FailureReason reason = FailureReason.of(e);
      throw ApplicationFailure.newNonRetryableFailureWithCause(reason.message(), reason.type(), e);
    }
  }

  @Override
  public CycleStatus status() {
    if (cycle == null) {
      return CycleTracker.starting(Workflow.getInfo().getWorkflowId(), approvals.recent());
    }
    return cycle.status(approvals.recent());
  }

  @Override
  public void approve(RawValue payload) {
    approvals.receive(APPROVE, payload);
  }

  @Override
  public void reject(RawValue payload) {
    approvals.receive(REJECT, payload);
  }

  @Override
  public void validateDecide(RawValue request) {
    decideRequest(request);
  }

  @Override
  public Verdict decide(RawValue request) {
    ObjectNode payload = decideRequest(request);
    if (!payload.hasNonNull("requestId")) {
      // The verdict echoes a request id, and duplicates are found by it: give one.
      payload.put("requestId", Workflow.randomUUID().toString());
    }
    long ticket = approvals.submit(payload.get("action").asText(), payload);
    Workflow.await(() -> approvals.decided(ticket));
    return Verdict.of(approvals.outcome(ticket));
  }

  /**
   * The {@code decide} request as a JSON object of a valid shape, or a {@code BAD_REQUEST} failure
   * naming what is wrong; whether the approver may decide is for the desk to say, and audit.
   */
  private static ObjectNode decideRequest(RawValue request) {
    JsonNode node;
    try {
      node = RawJson.read(request);
    } catch (RawJson.UnreadablePayload e) {
      throw badRequest(e.getMessage());
    }
    if (!(node instanceof ObjectNode payload)) {
      throw badRequest("decide takes a JSON object with \"action\" and \"approver\"");
    }
    JsonNode action = payload.get("action");
    if (action == null
        || !action.isTextual()
        || !(APPROVE.equals(action.asText()) || REJECT.equals(action.asText()))) {
      throw badRequest(
          "\"action\" must be \"approve\" or \"reject\", not "
              + (action == null ? "absent" : shown(action.toString())));
    }
    ApprovalPayload shape = ApprovalPayload.parse(payload, action.asText(), null);
    if (!shape.valid()) {
      throw badRequest(shape.refusal());
    }
    return payload.deepCopy();
  }

  private static String shown(String json) {
    return json.length() <= 40 ? json : json.substring(0, 39) + "…";
  }

  private static ApplicationFailure badRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(
        "decide refused: " + message, FailureType.BAD_REQUEST.name());
  }

  @Override
  public void cancel(RawValue payload) {
    if (cancelRequest == null) {
      cancelRequest = CancelRequest.parse(payload);
    }
  }

  private void open(CycleRequest request) {
    JobSpec spec = request.spec();
    cycle.phase(Phase.STARTING, "opening the cycle");
    CycleOpened opened =
        store.openCycle(
            new OpenCycle(
                spec,
                cycle.cycleId(),
                Workflow.getInfo().getRunId(),
                request.mode(),
                request.initiator(),
                cycle.startedAt(),
                request.specVersion()));
    // Checked after opening, so that the refusal is recorded on the cycle like any other failure.
    String refusal = Incremental.refusal(spec, request.mode());
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, FailureType.UNSUPPORTED_MODE.name());
    }
    Instant since = Watermarks.since(request.mode(), opened == null ? null : opened.watermark());
    cycle.phase(Phase.PLANNING, "planning key ranges");
    RangePlan plan =
        planner.planRanges(new PlanRequest(spec, cycle.cycleId(), request.mode(), since));
    cycle.planned(plan.ranges(), since, plan.watermarkTo());
  }

  /**
   * Compares the ranges this run's budget allows, then either returns with every range compared or
   * continues as new. The window is drained first because children die with this run.
   */
  private void compareRanges(CycleRequest request) {
    cycle.phase(
        Phase.COMPARING,
        "compared " + cycle.rangesDone() + " of " + cycle.rangesTotal() + " ranges");
    window = new PartitionWindow(request.spec().parallelism(), i -> startPartition(request, i));
    int startedThisRun = 0;
    while (cycle.hasUnstartedRanges() && budget.allowsStart(startedThisRun, window.inFlight())) {
      if (window.hasRoom()) {
        window.start(cycle.nextRange());
        cycle.rangeStarted();
        startedThisRun++;
      } else {
        cycle.rangeDone(window.awaitNext());
        repairs.auditRefusals();
      }
    }
    while (window.inFlight() > 0) {
      cycle.rangeDone(window.awaitNext());
      repairs.auditRefusals();
    }
    if (cycle.hasUnstartedRanges()) {
      log.info(
          "cycle {} continues as new after run {}: {} of {} ranges done",
          cycle.cycleId(),
          cycle.runs(),
          cycle.rangesDone(),
          cycle.rangesTotal());
      // A decide update refused meanwhile has its verdict; let it answer before the run ends.
      Workflow.await(Workflow::isEveryHandlerFinished);
      Workflow.continueAsNew(cycle.continuation(approvals.recent(), approvals.requestIds()));
    }
  }

  private Promise<PartitionResult> startPartition(CycleRequest request, int rangeIndex) {
    PartitionWorkflow child =
        Workflow.newChildWorkflowStub(
            PartitionWorkflow.class,
            CycleOptions.partition(CycleIds.partition(cycle.cycleId(), rangeIndex)));
    return Async.function(
        child::compare,
        new PartitionRequest(
            request.spec(), cycle.cycleId(), rangeIndex, request.mode(), cycle.since()));
  }

  private CycleResult complete() {
    Counts c = cycle.counts();
    String summary =
        String.format(
                Locale.ROOT,
                "compared %d records in %d ranges: %d persistent discrepancies"
                    + " (%d missing, %d orphan, %d mismatch, %d duplicate key, %d invalid key),"
                    + " %d transient",
                c.volumes().compared(),
                cycle.rangesDone(),
                c.discrepancies(),
                c.persistent().missing(),
                c.persistent().orphan(),
                c.persistent().mismatch(),
                c.persistent().duplicate(),
                c.persistent().invalidKey(),
                c.transientCount())
            + repairSummary();
    // Every range is compared and every repair verified: the answer is complete, so a cancel
    // request that arrives now does not turn it into CANCELLED; the cycle records its result.
    Workflow.newDetachedCancellationScope(
            () -> {
              repairs.auditRefusals();
              cycle.phase(Phase.FINISHING, "recording the result");
              store.closeCycle(cycle.close(CycleState.COMPLETED, null));
              escalations.persistentDrift();
              escalations.awaitPosts();
              cycle.finished(CycleState.COMPLETED, summary);
              // Signals refused while the close was recorded are audited before the workflow ends.
              repairs.auditRefusals();
              // Every decide update has its verdict by now (deciding stopped); let each answer.
              Workflow.await(Workflow::isEveryHandlerFinished);
            })
        .run();
    log.info("cycle {} completed: {}", cycle.cycleId(), summary);
    return new CycleResult(
        cycle.cycleId(), CycleState.COMPLETED, c, cycle.repairs(), cycle.gate(), summary);
  }

  private String repairSummary() {
    if (!cycle.routedBefore()) {
      return "";
    }
    RepairCounts r = cycle.repairs();
    return String.format(
        Locale.ROOT,
        "; %d repaired, %d rejected, %d expired (escalated to owner %s), %d skipped as changed"
            + " since comparison, %d failed, %d unresolved, %d reported; %s",
        r.repaired(),
        r.rejected(),
        r.expired(),
        cycle.spec().owner(),
        r.skippedConcurrentChange(),
        r.failed(),
        r.unresolved(),
        r.reported(),
        cycle.gate().describe());
  }

  /**
   * Records the failure on the cycle and returns what the workflow fails with: one line naming the
   * phase, the failure type and the failing activity's own message (which names the spec key, the
   * record key or value, and the cause).
   */
  private ApplicationFailure fail(TemporalFailure e) {
    FailureReason reason = FailureReason.of(e);
    String message = reason.oneLine(cycle.phase().name());
    log.error("cycle {} failed: {}", cycle.cycleId(), message);
    closeAsFailed(message);
    escalations.cycleFailed(reason, message);
    escalations.awaitPosts();
    return ApplicationFailure.newNonRetryableFailureWithCause(reason.message(), reason.type(), e);
  }

  /** Records who cancelled and why; best effort, like {@link #closeAsFailed}. */
  private void closeAsCancelled() {
    CancelRequest by = cancelRequest == null ? CancelRequest.ANONYMOUS : cancelRequest;
    String message = by.describe();
    log.info("cycle {} {}", cycle.cycleId(), message);
    cycle.finished(CycleState.CANCELLED, message);
    try {
      store.closeCycle(cycle.close(CycleState.CANCELLED, message, by));
    } catch (ActivityFailure closeFailure) {
      log.warn("cycle {} could not be closed as CANCELLED: {}", cycle.cycleId(), closeFailure);
    }
  }

  /** Best effort: a store that cannot record the failure must not hide the failure itself. */
  private void closeAsFailed(String message) {
    cycle.finished(CycleState.FAILED, message);
    try {
      store.closeCycle(cycle.close(CycleState.FAILED, message));
    } catch (ActivityFailure closeFailure) {
      log.warn("cycle {} could not be closed as FAILED: {}", cycle.cycleId(), closeFailure);
    }
  }
}
