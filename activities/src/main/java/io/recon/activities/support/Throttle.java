package io.recon.activities.support;

import com.google.common.util.concurrent.RateLimiter;

/**
 * Backpressure for a job's {@code limits}: blocks the caller until it may read or write more. A
 * long wait is taken in slices of about a second, with {@code keepAlive} between them, so that a
 * throttled activity still heartbeats and still learns of its cancellation.
 */
public final class Throttle {
  private static final Throttle NONE = new Throttle(null, 0);
  private final RateLimiter limiter;
  private final int slice;

  private Throttle(RateLimiter limiter, int slice) {
    this.limiter = limiter;
    this.slice = slice;
  }

  /** A throttle of {@code permitsPerSecond}; 0 or less means none. */
  public static Throttle of(double permitsPerSecond) {
    if (permitsPerSecond <= 0) {
      return NONE;
    }
    return new Throttle(
        RateLimiter.create(permitsPerSecond), (int) Math.max(1, Math.min(permitsPerSecond, 1e6)));
  }

  /** Blocks until {@code permits} more may go, calling {@code keepAlive} about once a second. */
  public void acquire(int permits, Runnable keepAlive) {
    if (limiter == null) {
      return;
    }
    int left = permits;
    while (left > 0) {
      int now = Math.min(left, slice);
      limiter.acquire(now);
      left -= now;
      keepAlive.run();
    }
  }
}
