package io.recon.worker;

import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureOrigin;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.core.spec.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source capture that the test feeds: each batch it is given is stored through the real {@link
 * KeySink} with the next position, as a replication slot's changes would be. Slots it was asked to
 * drop are counted.
 */
final class FakeSourceCapture implements CaptureOrigin {
  private final BlockingQueue<List<ChangedKey>> batches = new LinkedBlockingQueue<>();
  private final AtomicInteger position = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();

  /** Hands {@code keys} to the next poll, as one transaction's changes. */
  void changed(List<ChangedKey> keys) {
    batches.add(keys);
  }

  @Override
  public String unsupported(JobSpec spec) {
    return null;
  }

  @Override
  public Capture open(JobSpec spec, String cursor) {
    return new Capture() {
      @Override
      public CaptureResult poll(Duration maxWait, int maxKeys, KeySink sink, Runnable heartbeat) {
        Instant deadline = Instant.now().plus(maxWait);
        long changes = 0;
        long keys = 0;
        String at = cursor;
        try {
          while (Instant.now().isBefore(deadline) && keys < maxKeys) {
            heartbeat.run();
            List<ChangedKey> batch = batches.poll(100, TimeUnit.MILLISECONDS);
            if (batch != null) {
              at = "0/" + Integer.toHexString(position.incrementAndGet());
              sink.store(spec.name(), ChangeOrigin.SOURCE, batch, at);
              changes += batch.size();
              keys += batch.size();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new CaptureResult(changes, keys, at, 0, changes > 0 ? 0 : -1, 0, null);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void drop(JobSpec spec) {
    dropped.incrementAndGet();
  }
}
