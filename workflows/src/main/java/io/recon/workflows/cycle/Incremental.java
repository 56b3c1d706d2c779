package io.recon.workflows.cycle;

import io.recon.core.spec.JobSpec;
import java.time.Instant;

/**
 * The one rule of incremental cycles. A spec runs incrementally only with a {@code
 * source.updatedAt} column; the workflow refuses any other after opening the cycle, so the refusal
 * is recorded on it like any other failure. An incremental cycle selects the source rows changed at
 * or after its lower bound; the first one, whose job has no watermark yet, has none and compares
 * every row, as a full cycle does. The planner, the comparer and the source probe all ask here, so
 * they cannot disagree on which rows a cycle reads.
 */
public final class Incremental {
  private Incremental() {}

  /** Null when {@code spec} can run in {@code mode}; otherwise the one line that says why not. */
  public static String refusal(JobSpec spec, Mode mode) {
    if (mode == Mode.INCREMENTAL && spec.source().updatedAt() == null) {
      return "spec '" + spec.name() + "' has no source.updatedAt, so it cannot run incrementally";
    }
    return null;
  }

  /**
   * The lower bound of the source rows a cycle in {@code mode} reads, given the {@code since} its
   * workflow planned: null, meaning every row, for a full cycle and for an incremental one without
   * a watermark.
   */
  public static Instant since(Mode mode, Instant since) {
    return mode == Mode.INCREMENTAL ? since : null;
  }
}
