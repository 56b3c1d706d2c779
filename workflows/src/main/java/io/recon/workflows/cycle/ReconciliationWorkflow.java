package io.recon.workflows.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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

  @WorkflowMethod(name = TYPE)
  CycleResult reconcile(CycleRequest request);

  /** Phase, ranges done and total, counts by kind and severity, and pending decisions. */
  @QueryMethod(name = STATUS)
  CycleStatus status();

  /**
   * Approves held repairs. The payload is one JSON object {@code {"approver": "alice", "reason":
   * "...", "ids": ["..."], "requestId": "..."}}; empty or absent {@code ids} means everything
   * pending. It is taken as any JSON value and validated here, so a malformed payload is refused
   * visibly (in {@code status} and the audit) instead of being dropped by the SDK. Decided only
   * while the cycle is AWAITING_APPROVAL or GATED; at any other time it is refused with "the cycle
   * is not awaiting approval (phase X)", never held for later. A signal repeating an accepted
   * {@code requestId} is shown as a refused duplicate and changes nothing.
   */
  @SignalMethod(name = APPROVE)
  void approve(JsonNode payload);

  /** Rejects held repairs; same payload and rules as {@link #approve}. */
  @SignalMethod(name = REJECT)
  void reject(JsonNode payload);

  /**
   * Says who cancels the cycle and why, {@code {"by": "alice", "reason": "..."}}, ahead of
   * Temporal's cancel request, which carries no reason. It does not cancel anything by itself: the
   * cancel request that follows does, and the cycle then closes CANCELLED with these names in the
   * store and the audit. The first such signal counts; a malformed one reads as anonymous.
   */
  @SignalMethod(name = CANCEL)
  void cancel(JsonNode payload);
}
