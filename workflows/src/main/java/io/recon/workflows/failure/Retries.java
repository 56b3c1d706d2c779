package io.recon.workflows.failure;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/** The one retry shape of every recon activity: exponential backoff, never for a permanent type. */
public final class Retries {
  private Retries() {}

  /**
   * Retries from 1 s, doubling up to {@code maxInterval}, at most {@code maxAttempts} times (0
   * means unlimited), and never for a {@link FailureType}, whether or not the activity marked the
   * failure non-retryable itself.
   */
  public static RetryOptions backoff(Duration maxInterval, int maxAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2)
        .setMaximumInterval(maxInterval)
        .setMaximumAttempts(maxAttempts)
        .setDoNotRetry(FailureType.names())
        .build();
  }
}
