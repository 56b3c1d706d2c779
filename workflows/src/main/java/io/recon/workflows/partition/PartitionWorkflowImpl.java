package io.recon.workflows.partition;

import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.failure.FailureReason;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one range, then rechecks what differed after the spec's settle delay. Deterministic: it
 * only calls activities and sleeps on a durable timer.
 */
public class PartitionWorkflowImpl implements PartitionWorkflow {
  private final CompareActivities activities =
      Workflow.newActivityStub(CompareActivities.class, PartitionOptions.compare());

  public PartitionWorkflowImpl() {}

  /**
   * Returns the source, target and compared volumes of the comparison with the kinds, severities
   * and transient count of the recheck. A range with nothing detected is not rechecked. An activity
   * that fails for good fails this workflow with the activity's own type and message.
   */
  @Override
  public PartitionResult compare(PartitionRequest request) {
    WorkflowInfo info = Workflow.getInfo();
    RangeRequest range =
        new RangeRequest(
            request.spec(),
            request.cycleId(),
            request.rangeIndex(),
            request.mode(),
            request.since(),
            info.getWorkflowId(),
            info.getRunId());
    try {
      DetectedCounts detected = activities.compareRange(range);
      if (detected.discrepancies() == 0) {
        return new PartitionResult(request.rangeIndex(), Counts.clean(detected));
      }
      // Writes in flight during the comparison differ only for a moment; waiting lets them land
      // so the recheck reports drift, not replication lag.
      if (!request.spec().settle().isZero()) {
        settle(request.spec().settle());
      }
      SettledCounts settled = activities.recheckRange(range);
      return new PartitionResult(request.rangeIndex(), Counts.of(detected, settled));
    } catch (ActivityFailure e) {
      if (CancellationScope.current().isCancelRequested()) {
        // The cycle is being cancelled: end as cancelled, not as a failure of this range.
        throw e;
      }
      // Surface the activity's type and message on this workflow, so the cycle and the UI show
      // "MISSING_COLUMN: column 'x' does not exist" rather than "Activity task failed".
      FailureReason reason = FailureReason.of(e);
      throw ApplicationFailure.newNonRetryableFailureWithCause(reason.message(), reason.type(), e);
    }
  }

  /**
   * Waits {@code settle} on a durable timer that a cancel never cancels, and returns early, as
   * cancelled, when the cycle is cancelled. Cancelling the timer itself, as {@code Workflow.sleep}
   * does, can hang the embedded test server when the cancel races the timer
   * (temporalio/sdk-java#2606); an open timer simply ends with the run.
   */
  private static void settle(Duration settle) {
    List<Promise<Void>> timer = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> timer.add(Workflow.newTimer(settle))).run();
    Workflow.await(
        () -> timer.get(0).isCompleted() || CancellationScope.current().isCancelRequested());
    if (!timer.get(0).isCompleted()) {
      throw new CanceledFailure("the cycle was cancelled while the range settled");
    }
  }
}
