package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.activities.RepairActivities;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.approval.ApprovalDesk;
import io.recon.workflows.approval.ApprovalPayload;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A cycle's repair and approval, once every range is compared: route the persistent discrepancies,
 * repair what was approved automatically, wait for human decisions on what is held until nothing is
 * pending or {@code repair.approvalTimeout} passes (then expire the rest, escalated to the owner),
 * and verify what was repaired. Workflow code: deterministic, all I/O in {@link RepairActivities}.
 *
 * <p>The wait uses one timer created up front and an {@code await} without a timeout, never {@code
 * Workflow.await(Duration, ...)}, whose timer cancellation can hang the test server
 * (temporalio/sdk-java#2606). A long wait continues as new between decisions when the history grows
 * past the run's budget, carrying the counts, the gate and the deadline.
 */
final class RepairPhase {
  private static final Logger log = Workflow.getLogger(RepairPhase.class);

  private final RepairActivities store =
      Workflow.newActivityStub(RepairActivities.class, CycleOptions.decisions());
  private final RepairActivities writer =
      Workflow.newActivityStub(RepairActivities.class, CycleOptions.repair());
  private final CycleTracker cycle;
  private final ApprovalDesk desk;
  private final RunBudget budget;
  private final Escalations escalations;

  RepairPhase(CycleTracker cycle, ApprovalDesk desk, RunBudget budget, Escalations escalations) {
    this.cycle = cycle;
    this.desk = desk;
    this.budget = budget;
    this.escalations = escalations;
  }

  /** Runs the phase to its end, or continues as new while waiting for approval. */
  void run() {
    if (!cycle.routedBefore()) {
      if (cycle.counts().discrepancies() == 0) {
        return;
      }
      route();
    }
    if (cycle.repairs().pendingApproval() > 0) {
      awaitDecisions();
    }
    if (cycle.repairs().repaired() > 0) {
      cycle.phase(Phase.VERIFYING, "verifying " + cycle.repairs().repaired() + " repairs");
      cycle.verified(writer.verify(ref()).unresolved());
    }
  }

  /** Audits every refused signal not yet audited; signals refused now are audited later. */
  void auditRefusals() {
    for (ApprovalPayload refused = desk.nextToAudit();
        refused != null;
        refused = desk.nextToAudit()) {
      store.decide(request(refused));
    }
  }

  private void route() {
    JobSpec spec = cycle.spec();
    cycle.phase(
        Phase.ROUTING, "routing " + cycle.counts().discrepancies() + " persistent discrepancies");
    RouteResult routed =
        store.route(new RouteRequest(spec, cycle.cycleId(), cycle.counts().volumes().compared()));
    long deadline = Workflow.currentTimeMillis() + spec.repair().approvalTimeout().toMillis();
    cycle.routed(routed, deadline);
    log.info("cycle {} routed: {}, {}", cycle.cycleId(), routed, cycle.gate().describe());
    if (cycle.gate().tripped()) {
      escalations.gateTripped(cycle.gate());
    }
    if (routed.approved() > 0) {
      repair("repairing " + routed.approved() + " discrepancies approved automatically");
    }
  }

  private void repair(String why) {
    cycle.phase(Phase.REPAIRING, why);
    cycle.repaired(writer.repair(ref()));
  }

  private void awaitDecisions() {
    long remaining = cycle.approvalDeadlineMillis() - Workflow.currentTimeMillis();
    // A zero timeout still takes a timer, so that every path through the wait is the same. It is
    // never cancelled: the loop stops looking at it, and a run's open timers end with the run.
    Promise<Void> timeout = Workflow.newTimer(Duration.ofMillis(Math.max(1, remaining)));
    desk.startDeciding();
    waiting();
    // Also after a continue-as-new: the event id is the same, so the owner is told once.
    escalations.approvalWaiting();
    while (true) {
      while (desk.hasWork()) {
        ApprovalPayload next = desk.nextToDecide();
        if (next == null) {
          auditRefusals();
        } else {
          decide(next);
        }
      }
      if (cycle.repairs().pendingApproval() == 0 || timeout.isCompleted()) {
        break;
      }
      if (!budget.allowsMoreDecisions()) {
        // Nothing is queued and no activity runs, so nothing is lost with this run.
        // Every decide update has its verdict (nothing is queued); let each answer first. One
        // that arrives meanwhile is decided in this run, before it continues as new.
        // Posts end with the run too: let them finish first. A signal that arrives meanwhile is
        // seen below and decided in this run.
        escalations.awaitPosts();
        Workflow.await(() -> Workflow.isEveryHandlerFinished() || desk.hasWork());
        if (desk.hasWork()) {
          continue;
        }
        log.info("cycle {} continues as new while waiting for approval", cycle.cycleId());
        Workflow.continueAsNew(cycle.continuation(desk.recent(), desk.requestIds()));
      }
      Workflow.await(() -> timeout.isCompleted() || desk.hasWork());
    }
    // No workflow code yields between the last look at the queue and here, so every signal is
    // either decided above or refused from now on.
    desk.stopDeciding();
    if (cycle.repairs().pendingApproval() > 0) {
      expire();
    }
    cycle.approvalOver();
  }

  private void decide(ApprovalPayload signal) {
    if (cycle.repairs().pendingApproval() == 0) {
      ApprovalPayload refused = signal.refuse("nothing is pending approval");
      desk.record(refused.toDecision(0, signal.ids(), ApprovalDesk.now()));
      store.decide(request(refused));
      return;
    }
    DecideResult result = store.decide(request(signal));
    ApprovalPayload outcome = signal;
    if (result.applied() == 0) {
      outcome =
          signal.refuse(
              signal.ids().isEmpty()
                  ? "nothing is pending approval"
                  : "none of the named ids is pending approval");
    }
    desk.record(outcome.toDecision(result.applied(), result.notPending(), ApprovalDesk.now()));
    boolean approve = ReconciliationWorkflow.APPROVE.equals(signal.action());
    cycle.decided(result.stillPending(), approve ? 0 : result.applied(), result.pending());
    if (approve && result.applied() > 0) {
      repair("repairing " + result.applied() + " discrepancies approved by " + signal.approver());
    }
    if (cycle.repairs().pendingApproval() > 0) {
      waiting();
    }
  }

  private void expire() {
    long expired = store.expire(ref());
    cycle.expired(expired);
    String message =
        expired
            + " held repairs expired after "
            + cycle.spec().repair().approvalTimeout()
            + " without a decision; escalated to owner "
            + cycle.spec().owner();
    cycle.phase(Phase.AWAITING_APPROVAL, message);
    log.warn("cycle {}: {}", cycle.cycleId(), message);
    escalations.approvalExpired(expired);
  }

  private void waiting() {
    cycle.awaitingApproval(
        cycle.repairs().pendingApproval()
            + " repairs wait for approval by "
            + cycle.spec().approvers()
            + (cycle.gate().tripped() ? " (" + cycle.gate().describe() + ")" : ""));
  }

  private DecideRequest request(ApprovalPayload signal) {
    return new DecideRequest(
        cycle.spec(),
        cycle.cycleId(),
        signal.action(),
        signal.approver(),
        signal.reason(),
        signal.ids(),
        signal.requestId(),
        signal.refusal());
  }

  private CycleRef ref() {
    return new CycleRef(cycle.spec(), cycle.cycleId());
  }
}
