package io.recon.activities.feed;

import java.time.Duration;

/**
 * What the feed's activities report after each step, for the worker's metrics. The activities
 * module knows nothing of metrics: the worker hands its implementation ({@code
 * io.recon.worker.metrics.FeedMetrics}) to the feed activities it registers, and tests use {@link
 * #NONE}. Reporting never fails the caller.
 */
public interface FeedObserver {
  /** Reports nothing. */
  FeedObserver NONE =
      new FeedObserver() {
        @Override
        public void record(CaptureResult result, ChangeOrigin origin, String spec) {}

        @Override
        public void keysWaiting(String spec, long waiting) {}

        @Override
        public void verdict(String spec, Duration changeToVerdict) {}
      };

  /** One poll of {@code origin}'s capture for job {@code spec} returned {@code result}. */
  void record(CaptureResult result, ChangeOrigin origin, String spec);

  /** {@code waiting} distinct keys of job {@code spec} wait to be reconciled. */
  void keysWaiting(String spec, long waiting);

  /**
   * A key-set cycle of job {@code spec} reached the verdict on one key {@code changeToVerdict}
   * after its first unreconciled change; called once per key.
   */
  void verdict(String spec, Duration changeToVerdict);
}
