package io.recon.workflows.cycle;

import java.util.List;
import java.util.Locale;

/**
 * What a cycle compares: every record, only those changed since the job's watermark, or the key set
 * a feed captured ({@code KEYS}: the keys the feed's store holds for the cycle, claimed when the
 * cycle plans; only a feed starts such a cycle).
 */
public enum Mode {
  FULL,
  INCREMENTAL,
  KEYS;

  /** The lower-case name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code full} or {@code incremental}, in any case: the modes a client may start. A
   * key-set cycle is started only by its feed, which names the mode in the Java form of the
   * request.
   */
  public static Mode parse(String text) {
    for (Mode m : List.of(FULL, INCREMENTAL)) {
      if (m.name().equalsIgnoreCase(text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode must be full or incremental, not '" + text + "'");
  }
}
