package io.recon.starter.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The summary part of {@code recon report}: everything but the items. Its JSON names are a contract
 * for scripts: added to, never renamed. {@code specVersion} is the registry version the cycle ran
 * with (null for an inline spec); {@code specHash} is the SHA-256 of the spec's canonical form.
 */
@JsonPropertyOrder({
  "cycle",
  "spec",
  "specVersion",
  "specHash",
  "mode",
  "status",
  "startedAt",
  "finishedAt",
  "compared",
  "discrepancies",
  "bySeverity",
  "transient",
  "repaired",
  "pendingApproval",
  "rejected",
  "expired",
  "skippedConcurrentChange",
  "unresolved",
  "failed",
  "reported",
  "gate",
  "topFields",
  "schemaDrift",
  "error"
})
public record ReportSummary(
    String cycle,
    String spec,
    Integer specVersion,
    String specHash,
    String mode,
    String status,
    String startedAt,
    String finishedAt,
    long compared,
    Map<String, Long> discrepancies,
    Map<String, Map<String, Long>> bySeverity,
    @JsonProperty("transient") long transientCount,
    long repaired,
    long pendingApproval,
    long rejected,
    long expired,
    long skippedConcurrentChange,
    long unresolved,
    long failed,
    long reported,
    Gate gate,
    List<FieldCount> topFields,
    List<SchemaDrift> schemaDrift,
    String error) {

  /**
   * This summary with the live state of a cycle still running ({@code AWAITING_APPROVAL}, {@code
   * GATED}, {@code RUNNING}), which the store's row does not follow: a report and {@code status} of
   * a live cycle say the same.
   */
  public ReportSummary withStatus(String live) {
    return new ReportSummary(
        cycle,
        spec,
        specVersion,
        specHash,
        mode,
        live,
        startedAt,
        finishedAt,
        compared,
        discrepancies,
        bySeverity,
        transientCount,
        repaired,
        pendingApproval,
        rejected,
        expired,
        skippedConcurrentChange,
        unresolved,
        failed,
        reported,
        gate,
        topFields,
        schemaDrift,
        error);
  }

  /** The quality gate of the cycle, when it was evaluated. */
  public record Gate(Double ratio, Double threshold, boolean tripped) {}

  /** How often a target path differed. */
  public record FieldCount(String path, long count) {}

  /**
   * A target field that many documents hold in a BSON type its spec type cannot read: one line of
   * schema drift instead of as many mismatches.
   *
   * @param field the target path
   * @param expected what the spec type reads there ({@code timestamp}, {@code object} for a parent)
   * @param seen each BSON type found instead, with its count
   * @param count the mismatches the drift accounts for
   * @param exampleKeys up to three of their keys, the first found
   */
  public record SchemaDrift(
      String field,
      String expected,
      Map<String, Long> seen,
      long count,
      List<com.fasterxml.jackson.databind.JsonNode> exampleKeys) {}
}
