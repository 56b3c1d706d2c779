package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What rechecking one range settled: the discrepancies that still differ ({@code persistent}, by
 * kind and severity) and how many agreed again ({@code transientCount}: in-flight writes, not
 * drift). Carries no volumes: those are what the comparison read ({@link DetectedCounts}); {@link
 * Counts#of} combines the two.
 *
 * <p>Travels through Temporal (the result of {@code recheckRange}) as the flat JSON object {@link
 * Counts} always had, so recorded histories still read.
 */
public record SettledCounts(Findings persistent, Severities severities, long transientCount) {
  public static final SettledCounts NONE = new SettledCounts(Findings.NONE, Severities.NONE, 0);

  public SettledCounts {
    persistent = persistent == null ? Findings.NONE : persistent;
    severities = severities == null ? Severities.NONE : severities;
  }

  /** Persistent discrepancies of every kind. */
  public long discrepancies() {
    return persistent.total();
  }

  public SettledCounts plus(SettledCounts o) {
    return new SettledCounts(
        persistent.plus(o.persistent),
        severities.plus(o.severities),
        transientCount + o.transientCount);
  }

  @JsonValue
  Wire toJson() {
    return new Wire(
        persistent.missing(),
        persistent.orphan(),
        persistent.mismatch(),
        transientCount,
        severities.low(),
        severities.medium(),
        severities.high(),
        persistent.duplicate(),
        persistent.invalidKey());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SettledCounts fromJson(Wire w) {
    return new SettledCounts(
        new Findings(w.missing, w.orphan, w.mismatch, w.duplicate, w.invalidKey),
        new Severities(w.low, w.medium, w.high),
        w.transientCount);
  }

  /**
   * The JSON form: the field names and order {@link Counts} had, less the volumes, which a recheck
   * never reads. An absent field reads as 0; an unknown one (an old payload's volumes) is ignored.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Wire(
      long missing,
      long orphan,
      long mismatch,
      long transientCount,
      long low,
      long medium,
      long high,
      long duplicate,
      long invalidKey) {}
}
