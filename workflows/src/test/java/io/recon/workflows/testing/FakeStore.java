package io.recon.workflows.testing;

import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.CycleOpened;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.StoreActivities;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recon store that remembers what it was told; {@link #watermark} is the job's last one. */
public class FakeStore implements StoreActivities {
  public volatile Instant watermark;
  public final List<OpenCycle> opened = new CopyOnWriteArrayList<>();
  public final List<CloseCycle> closed = new CopyOnWriteArrayList<>();

  @Override
  public CycleOpened openCycle(OpenCycle request) {
    opened.add(request);
    return new CycleOpened(watermark);
  }

  @Override
  public void closeCycle(CloseCycle request) {
    closed.add(request);
  }

  /** The one close the cycle made. */
  public CloseCycle onlyClose() {
    if (closed.size() != 1) {
      throw new AssertionError("expected one closeCycle, got " + closed);
    }
    return closed.get(0);
  }
}
