package io.recon.workflows.failure;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The one retry shape of every recon activity: exponential backoff, a bounded number of attempts,
 * never for a permanent type. An unbounded retry of a deterministic failure is an infinite loop
 * that blocks the job, so there is no way to ask for one.
 */
public final class Retries {
  /**
   * Attempts of a long activity (planning, repair, verify, and a partition's compare and recheck):
   * with backoff capped at a minute they ride out about 15 minutes of transient failures (an engine
   * restarting, workers killed one after another), then fail the cycle with the last error.
   */
  public static final int LONG_ATTEMPTS = 20;

  private Retries() {}

  /**
   * Retries from 1 s, doubling up to {@code maxInterval}, at most {@code maxAttempts} times in all,
   * and never for a {@link FailureType}, whether or not the activity marked the failure
   * non-retryable itself.
   *
   * @throws IllegalArgumentException when {@code maxAttempts} is not positive
   */
  public static RetryOptions backoff(Duration maxInterval, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "maxAttempts must be at least 1, not " + maxAttempts + ": every retry is bounded");
    }
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2)
        .setMaximumInterval(maxInterval)
        .setMaximumAttempts(maxAttempts)
        .setDoNotRetry(FailureType.names())
        .build();
  }
}
