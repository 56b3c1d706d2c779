package io.recon.activities.compare;

import io.temporal.activity.ActivityExecutionContext;

/**
 * Heartbeats of one activity attempt. {@link #beat} records a new checkpoint; {@link #keepAlive}
 * repeats the last one at most every two seconds, so that long work between checkpoints still shows
 * liveness and learns of cancellation.
 */
final class Heartbeats {
  private static final long KEEP_ALIVE_NANOS = 2_000_000_000L;

  private final ActivityExecutionContext context;
  private Object last;
  private long lastAt = System.nanoTime();

  Heartbeats(ActivityExecutionContext context) {
    this.context = context;
  }

  void beat(Object details) {
    last = details;
    lastAt = System.nanoTime();
    context.heartbeat(details);
  }

  void keepAlive() {
    if (System.nanoTime() - lastAt >= KEEP_ALIVE_NANOS) {
      beat(last);
    }
  }
}
