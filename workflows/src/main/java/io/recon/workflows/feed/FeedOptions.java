package io.recon.workflows.feed;

import io.recon.workflows.failure.Retries;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;

/** Activity and child options of a feed. Every retry is bounded; permanent types never retry. */
final class FeedOptions {
  /** How long a capture may go without a heartbeat before Temporal gives it to another worker. */
  static final Duration CAPTURE_HEARTBEAT = Duration.ofSeconds(30);

  private FeedOptions() {}

  /** Recording the feed and releasing keys: a few statements against the recon store. */
  static ActivityOptions store() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(30), 10))
        .build();
  }

  /**
   * One capture slice of {@code window}: bounded by the window plus two minutes for storing and
   * confirming what it read. Transient failures (a connection lost, PostgreSQL restarting) retry
   * ten times, about four minutes; a slice that retries resumes from the confirmed position, so
   * nothing is lost or stored twice. A stop waits for the slice to end rather than cancel it.
   */
  static ActivityOptions capture(Duration window) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(window.plus(Duration.ofMinutes(2)))
        .setHeartbeatTimeout(CAPTURE_HEARTBEAT)
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(30), 10))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /**
   * One key-set cycle. ABANDON: stopping the feed, or its continuing as new, must not kill a cycle
   * halfway through its repairs or while it waits for an approval; its keys are released by the
   * next claim of the feed once the cycle is closed.
   */
  static ChildWorkflowOptions cycle(String cycleId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(cycleId)
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build();
  }
}
