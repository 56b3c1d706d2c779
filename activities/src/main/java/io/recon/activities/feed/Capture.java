package io.recon.activities.feed;

import java.time.Duration;

/**
 * One side's change capture, opened for one slice: {@code PgCapture} (the source's replication
 * slot) or {@code MongoCapture} (the target's change stream) behind one shape, so that the feed's
 * activities and their tests do not depend on which.
 */
public interface Capture extends AutoCloseable {
  /**
   * Reads changes for at most {@code maxWait}, or until {@code maxKeys} keys were handed to {@code
   * sink}, storing them (with the position reached) through {@link KeySink#store} and confirming
   * the position to the side only after that returned. Calls {@code heartbeat} at least every few
   * seconds while it waits; {@code heartbeat} throws when the activity is cancelled, and the poll
   * lets that propagate.
   */
  CaptureResult poll(Duration maxWait, int maxKeys, KeySink sink, Runnable heartbeat);

  /** Releases the connection (the slot becomes inactive, the change stream is closed). */
  @Override
  void close();
}
