package io.recon.workflows.cycle;

import java.util.Locale;

/** What a cycle compares: every record, or only those changed since the job's watermark. */
public enum Mode {
  FULL,
  INCREMENTAL;

  /** The lower-case name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code full} or {@code incremental}, in any case. */
  public static Mode parse(String text) {
    for (Mode m : values()) {
      if (m.name().equalsIgnoreCase(text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode must be full or incremental, not '" + text + "'");
  }
}
