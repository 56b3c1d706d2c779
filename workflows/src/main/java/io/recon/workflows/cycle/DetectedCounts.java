package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What comparing one range detected, before any recheck: the volumes read and every discrepancy
 * found, by kind and severity. Not yet a verdict: a recheck ({@link SettledCounts}) decides which
 * of them persist; {@link Counts#of} combines the two.
 *
 * <p>Travels through Temporal (the result of {@code compareRange}, and heartbeat details) as the
 * flat JSON object {@link Counts} always had, so recorded histories still read.
 */
public record DetectedCounts(Volumes volumes, Findings findings, Severities severities) {
  public static final DetectedCounts ZERO =
      new DetectedCounts(Volumes.ZERO, Findings.NONE, Severities.NONE);

  public DetectedCounts {
    volumes = volumes == null ? Volumes.ZERO : volumes;
    findings = findings == null ? Findings.NONE : findings;
    severities = severities == null ? Severities.NONE : severities;
  }

  /** Discrepancies of every kind. */
  public long discrepancies() {
    return findings.total();
  }

  public DetectedCounts plus(DetectedCounts o) {
    return new DetectedCounts(
        volumes.plus(o.volumes), findings.plus(o.findings), severities.plus(o.severities));
  }

  @JsonValue
  Wire toJson() {
    return new Wire(
        volumes.sourceRecords(),
        volumes.targetRecords(),
        volumes.compared(),
        findings.missing(),
        findings.orphan(),
        findings.mismatch(),
        severities.low(),
        severities.medium(),
        severities.high(),
        findings.duplicate(),
        findings.invalidKey());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DetectedCounts fromJson(Wire w) {
    return new DetectedCounts(
        new Volumes(w.sourceRecords, w.targetRecords, w.compared),
        new Findings(w.missing, w.orphan, w.mismatch, w.duplicate, w.invalidKey),
        new Severities(w.low, w.medium, w.high));
  }

  /**
   * The JSON form: the field names and order {@link Counts} had, less {@code transientCount}, which
   * a comparison never has. An absent field reads as 0; an unknown one (an old payload's {@code
   * transientCount}) is ignored.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Wire(
      long sourceRecords,
      long targetRecords,
      long compared,
      long missing,
      long orphan,
      long mismatch,
      long low,
      long medium,
      long high,
      long duplicate,
      long invalidKey) {}
}
