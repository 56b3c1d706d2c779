package io.recon.workflows.partition;

import io.recon.workflows.failure.Retries;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/** Activity options of a partition. */
final class PartitionOptions {
  private PartitionOptions() {}

  /**
   * Comparing and rechecking a range: a long start-to-close, because a range may hold millions of
   * records, and a short heartbeat timeout, so that a dead worker is noticed within a minute and
   * the retry resumes from the last heartbeated key. Transient failures retry {@link
   * Retries#LONG_ATTEMPTS} times; permanent ones ({@link io.recon.workflows.failure.FailureType})
   * fail at once.
   */
  static ActivityOptions compare() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setHeartbeatTimeout(Duration.ofSeconds(60))
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(60), Retries.LONG_ATTEMPTS))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }
}
