package io.recon.workflows.testing;

import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.CycleOpened;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.ResolvedSpec;
import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.activities.StoreActivities;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recon store that remembers what it was told; {@link #watermark} is the job's last one. */
public class FakeStore implements StoreActivities {
  public volatile Instant watermark;
  public final List<OpenCycle> opened = new CopyOnWriteArrayList<>();
  public final List<CloseCycle> closed = new CopyOnWriteArrayList<>();

  /** The registry: each name's versions, the first at index 0. */
  public final Map<String, List<io.recon.core.spec.JobSpec>> registry = new ConcurrentHashMap<>();

  public final List<SpecRef> resolved = new CopyOnWriteArrayList<>();

  @Override
  public ResolvedSpec resolveSpec(SpecRef ref) {
    resolved.add(ref);
    List<io.recon.core.spec.JobSpec> versions = registry.getOrDefault(ref.name(), List.of());
    int version = ref.version() == null ? versions.size() : ref.version();
    if (version < 1 || version > versions.size()) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "unknown spec " + ref.name() + " version " + ref.version(), "UNKNOWN_SPEC");
    }
    var spec = versions.get(version - 1);
    return new ResolvedSpec(spec, version, spec.canonicalHash());
  }

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
