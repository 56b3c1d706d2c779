package io.recon.workflows.cycle;

import io.recon.workflows.approval.Verdict;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One reconciliation cycle of one job. It plans key ranges, compares them in partition child
 * workflows through a window of {@code parallelism}, rechecks what differed after {@code settle},
 * routes persistent discrepancies to automatic repair or to approval, and records every step.
 *
 * <p>The workflow id is {@code recon-<spec>-<start, UTC>} ({@link CycleIds}) unless the caller
 * chooses one. Cycles of one job never overlap: a second one fails at once with {@code
 * CYCLE_ALREADY_RUNNING}.
 */
@WorkflowInterface
public interface ReconciliationWorkflow {
  String TYPE = "ReconciliationWorkflow";
  String STATUS = "status";
  String APPROVE = "approve";
  String REJECT = "reject";
  String CANCEL = "cancel";
  String DECIDE = "decide";

  /**
   * Runs the cycle. The input is a {@link CycleRequest} in JSON, taken raw and validated in
   * workflow code: one that does not parse fails the workflow at once with {@code BAD_REQUEST}
   * naming the field. Java clients start it with an untyped stub and a {@link CycleRequest} ({@code
   * io.recon.starter.CycleClient} does).
   */
  @WorkflowMethod(name = TYPE)
  CycleResult reconcile(RawValue request);

  /**
   * The cycle's status: the same document, field for field, that {@code recon status --json} prints
   * ({@link CycleStatus}; docs/contract/status.schema.json), including the first 100 items held for
   * a decision with the ids {@link #decide} takes. A read of fields, cheap to poll.
   */
  @QueryMethod(name = STATUS)
  CycleStatus status();

  /**
   * Approves held repairs. The payload is one JSON object {@code {"approver": "alice", "reason":
   * "...", "ids": ["..."], "requestId": "..."}}; empty or absent {@code ids} means everything
   * pending. It is taken raw and validated here, so a malformed payload, even one that is not JSON
   * at all, is refused visibly (in {@code status} and the audit) instead of being dropped by the
   * SDK. Decided only while the cycle is AWAITING_APPROVAL or GATED; at any other time it is
   * refused with "the cycle is not awaiting approval (phase X)", never held for later. A signal
   * repeating an accepted {@code requestId} is shown as a refused duplicate and changes nothing.
   */
  @SignalMethod(name = APPROVE)
  void approve(RawValue payload);

  /** Rejects held repairs; same payload and rules as {@link #approve}. */
  @SignalMethod(name = REJECT)
  void reject(RawValue payload);

  /**
   * Approves or rejects held repairs and answers with the {@link Verdict}: {@code {"action":
   * "approve"|"reject", "approver": "alice", "reason": "...", "ids": ["..."], "requestId": "..."}}.
   * The same rules as the {@link #approve} signal decide it, by the same code; a request refused
   * (approver not in the spec, nothing pending, the cycle not awaiting approval, a duplicate {@code
   * requestId}) is answered with a refused verdict and audited. A malformed request (not a JSON
   * object, no valid {@code action}, a field of the wrong type) is refused by {@link
   * #validateDecide} before it reaches the history: the caller gets the error, and nothing is
   * recorded.
   */
  @UpdateMethod(name = DECIDE)
  Verdict decide(RawValue request);

  /**
   * Refuses a malformed {@link #decide} request with a failure whose message starts {@code decide
   * refused:} and names the field (the SDK reports it under its own failure type).
   */
  @UpdateValidatorMethod(updateName = DECIDE)
  void validateDecide(RawValue request);

  /**
   * Says who cancels the cycle and why, {@code {"by": "alice", "reason": "..."}}, ahead of
   * Temporal's cancel request, which carries no reason. It does not cancel anything by itself: the
   * cancel request that follows does, and the cycle then closes CANCELLED with these names in the
   * store and the audit. The first such signal counts; a malformed one, even one that is not JSON,
   * reads as anonymous.
   */
  @SignalMethod(name = CANCEL)
  void cancel(RawValue payload);
}
