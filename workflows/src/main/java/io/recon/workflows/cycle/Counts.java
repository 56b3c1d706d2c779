package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdict counts of one range, or summed over a cycle: what was read ({@code volumes}), the
 * discrepancies that persisted after recheck, by kind ({@code persistent}) and by severity, and how
 * many agreed again at recheck ({@code transientCount}). Built from what compare detected and what
 * recheck settled in one place, {@link #of}. Only counts travel through Temporal, never records.
 *
 * <p>Its JSON form (in payloads, {@code status} and {@code report}) is the flat object it always
 * had: {@code sourceRecords, targetRecords, compared, missing, orphan, mismatch, transientCount,
 * low, medium, high, duplicate, invalidKey}. Fields absent from an older payload read as 0.
 */
public record Counts(
    Volumes volumes, Findings persistent, Severities severities, long transientCount) {

  public static final Counts ZERO = new Counts(Volumes.ZERO, Findings.NONE, Severities.NONE, 0);

  public Counts {
    volumes = volumes == null ? Volumes.ZERO : volumes;
    persistent = persistent == null ? Findings.NONE : persistent;
    severities = severities == null ? Severities.NONE : severities;
  }

  /**
   * The one place where detection and recheck meet: the volumes are what the comparison read; the
   * findings, severities and transient count are what the recheck settled.
   */
  public static Counts of(DetectedCounts detected, SettledCounts settled) {
    return new Counts(
        detected.volumes(), settled.persistent(), settled.severities(), settled.transientCount());
  }

  /**
   * The counts of a range that detected nothing, so needs no recheck: its volumes, and no
   * discrepancy.
   */
  public static Counts clean(DetectedCounts detected) {
    return of(detected, SettledCounts.NONE);
  }

  /** Persistent discrepancies of every kind. */
  public long discrepancies() {
    return persistent.total();
  }

  public Counts plus(Counts o) {
    return new Counts(
        volumes.plus(o.volumes),
        persistent.plus(o.persistent),
        severities.plus(o.severities),
        transientCount + o.transientCount);
  }

  @JsonValue
  Wire toJson() {
    return new Wire(
        volumes.sourceRecords(),
        volumes.targetRecords(),
        volumes.compared(),
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
  static Counts fromJson(Wire w) {
    return new Counts(
        new Volumes(w.sourceRecords, w.targetRecords, w.compared),
        new Findings(w.missing, w.orphan, w.mismatch, w.duplicate, w.invalidKey),
        new Severities(w.low, w.medium, w.high),
        w.transientCount);
  }

  /** The JSON form, in the field order {@code status} has always printed. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Wire(
      long sourceRecords,
      long targetRecords,
      long compared,
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
