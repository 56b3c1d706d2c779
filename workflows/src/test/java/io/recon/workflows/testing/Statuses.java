package io.recon.workflows.testing;

import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.RepairCounts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@link CycleStatus}'s flat fields back into the workflow's own counts, for asserts. */
public final class Statuses {
  private Statuses() {}

  /** The status's repair counts as the workflow's {@link RepairCounts}. */
  public static RepairCounts repairs(CycleStatus s) {
    return new RepairCounts(
        s.repaired(),
        s.pendingApproval(),
        s.rejected(),
        s.expired(),
        s.skippedConcurrentChange(),
        s.failed(),
        s.unresolved(),
        s.reported());
  }

  /** What a status shows of detection counts: compared, persistent kinds, severities, transient. */
  public static Map<String, Long> counts(CycleStatus s) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("compared", s.compared());
    s.discrepancies().forEach((k, v) -> m.put("kind." + k, v));
    s.severities().forEach((k, v) -> m.put("severity." + k, v));
    m.put("transient", s.transientCount());
    return m;
  }

  /** The same view of the workflow's {@link Counts}, spelled independently of the status code. */
  public static Map<String, Long> counts(Counts c) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("compared", c.volumes().compared());
    m.put("kind.missing", c.persistent().missing());
    m.put("kind.orphan", c.persistent().orphan());
    m.put("kind.mismatch", c.persistent().mismatch());
    m.put("kind.duplicate_key", c.persistent().duplicate());
    m.put("kind.invalid_key", c.persistent().invalidKey());
    m.put("severity.low", c.severities().low());
    m.put("severity.medium", c.severities().medium());
    m.put("severity.high", c.severities().high());
    m.put("transient", c.transientCount());
    return m;
  }

  /** The status's {@code updatedAt} in epoch milliseconds. */
  public static long updatedAtMillis(CycleStatus s) {
    return Instant.parse(s.updatedAt()).toEpochMilli();
  }
}
