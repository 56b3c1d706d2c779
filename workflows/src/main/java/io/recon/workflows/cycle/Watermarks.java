package io.recon.workflows.cycle;

import java.time.Duration;
import java.time.Instant;

/** Where an incremental cycle starts comparing. */
final class Watermarks {
  /**
   * A row committed just after the last cycle read the source's clock can carry an {@code
   * updatedAt} from before it (a long transaction, a clock set by the application). Comparing from
   * a little earlier catches such rows, at the price of comparing a few minutes of rows twice.
   */
  static final Duration SAFETY_OVERLAP = Duration.ofMinutes(5);

  private Watermarks() {}

  /**
   * The lower bound of an incremental cycle: the job's watermark minus {@link #SAFETY_OVERLAP}.
   * Null, meaning every row, for a full cycle and for a job that never completed one.
   */
  static Instant since(Mode mode, Instant watermark) {
    if (mode != Mode.INCREMENTAL || watermark == null) {
      return null;
    }
    return watermark.minus(SAFETY_OVERLAP);
  }
}
