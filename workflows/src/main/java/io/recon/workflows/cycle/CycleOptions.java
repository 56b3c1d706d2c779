package io.recon.workflows.cycle;

import io.recon.workflows.failure.Retries;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/**
 * Activity and child options of a cycle. Every activity and child is cancelled with {@code
 * WAIT_CANCELLATION_COMPLETED}: a cancelled cycle waits until its work has actually stopped (an
 * activity at its next heartbeat, a repair after its current batch is recorded) before it closes
 * CANCELLED, so nothing writes after the cycle says it ended.
 */
final class CycleOptions {
  private CycleOptions() {}

  /**
   * Opening and closing a cycle: single statements against the recon store. A store that stays down
   * for minutes fails the cycle (10 attempts, about 4 minutes) instead of holding it open; the next
   * cycle starts over from the last completed watermark.
   */
  static ActivityOptions store() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(30), 10))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /**
   * Routing, deciding and expiring: a few statements against the recon store, each with its audit
   * row in the same transaction, so they take the store's options. Each is idempotent (decide by
   * request id), so a retry after a lost response changes nothing twice.
   */
  static ActivityOptions decisions() {
    return store();
  }

  /**
   * Repairing and verifying: bulk passes over a cycle's approved or repaired keys that heartbeat
   * per batch. A dead worker is noticed within a minute; transient failures retry {@link
   * Retries#LONG_ATTEMPTS} times, and each retry applies a repair at most once under its
   * idempotency key; permanent ones fail at once.
   */
  static ActivityOptions repair() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(1))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(60), Retries.LONG_ATTEMPTS))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /**
   * Posting an escalation: the activity retries transient HTTP failures itself (a few attempts,
   * backoff and a capped Retry-After, under five minutes in all) and heartbeats between them, so
   * Temporal's own retries only cover a store that cannot record the outcome or a dead worker:
   * three attempts, then the workflow goes on without the message.
   */
  static ActivityOptions escalation() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setHeartbeatTimeout(Duration.ofSeconds(45))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(10), 3))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** Planning reads the source's key distribution, which can take long on a big table. */
  static ActivityOptions planning() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(30))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(60), Retries.LONG_ATTEMPTS))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /**
   * One partition child, on the cycle's own task queue (the default). TERMINATE: a child outlives
   * neither a failed cycle nor a cancelled one, which is also why a run drains its window before it
   * continues as new.
   */
  static ChildWorkflowOptions partition(String workflowId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
        .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }
}
