package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A cycle's status: the answer of the {@code status} query, and what {@code recon status --json}
 * prints, field for field. The running workflow builds it from its state ({@code
 * CycleTracker.status}); once the workflow has closed, {@code io.recon.starter.view.CycleViews}
 * builds the same record from the recon store. Its JSON form is a stable contract for scripts and
 * services (docs/contract/status.schema.json): fields are added, never renamed.
 *
 * @param specVersion the registry version the cycle runs with, absent for a spec given inline
 * @param mode {@code full} or {@code incremental}
 * @param status the {@link CycleState} name
 * @param phase the {@link Phase} name of a running cycle; absent once it closed
 * @param live whether the status came from the running workflow (true) or from the store (false)
 * @param startedAt ISO-8601 instant, UTC
 * @param updatedAt ISO-8601 instant of the last change the workflow made; absent once it closed
 * @param finishedAt ISO-8601 instant; absent while the cycle runs
 * @param discrepancies persistent discrepancies by kind
 * @param severities persistent discrepancies by severity
 * @param transientCount differences that vanished on recheck ({@code transient} in JSON)
 * @param pending the discrepancies held for a decision, the first 100 with their total
 * @param decisions the most recent approvals and rejections, accepted or refused (bounded)
 * @param message one line on what the cycle is doing or why it stopped
 * @param retrying activities waiting for another attempt after a failure; the workflow does not
 *     know them, so only {@code recon status} adds them (from the server's description); absent
 *     when none is
 */
@JsonPropertyOrder({
  "cycle",
  "spec",
  "specVersion",
  "mode",
  "status",
  "phase",
  "live",
  "startedAt",
  "updatedAt",
  "finishedAt",
  "rangesDone",
  "rangesTotal",
  "compared",
  "discrepancies",
  "severities",
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
  "pending",
  "decisions",
  "message",
  "retrying"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CycleStatus(
    String cycle,
    String spec,
    Integer specVersion,
    String mode,
    String status,
    String phase,
    boolean live,
    String startedAt,
    String updatedAt,
    String finishedAt,
    int rangesDone,
    int rangesTotal,
    long compared,
    Map<String, Long> discrepancies,
    Map<String, Long> severities,
    @JsonProperty("transient") long transientCount,
    long repaired,
    long pendingApproval,
    long rejected,
    long expired,
    long skippedConcurrentChange,
    long unresolved,
    long failed,
    long reported,
    GateView gate,
    PendingItems pending,
    List<Decision> decisions,
    String message,
    List<Retrying> retrying) {

  public CycleStatus {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    pending = pending == null ? PendingItems.NONE : pending;
    retrying = retrying == null || retrying.isEmpty() ? null : List.copyOf(retrying);
  }

  /** This status with the activities now being retried. */
  public CycleStatus withRetrying(List<Retrying> now) {
    return new CycleStatus(
        cycle,
        spec,
        specVersion,
        mode,
        status,
        phase,
        live,
        startedAt,
        updatedAt,
        finishedAt,
        rangesDone,
        rangesTotal,
        compared,
        discrepancies,
        severities,
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
        pending,
        decisions,
        message,
        now);
  }

  /** The quality gate as shown to operators. */
  @JsonPropertyOrder({"tripped", "ratio", "threshold", "summary"})
  public record GateView(boolean tripped, double ratio, double threshold, String summary) {
    /** The view of a gate's verdict. */
    public static GateView of(Gate g) {
      Gate gate = g == null ? Gate.OPEN : g;
      return new GateView(gate.tripped(), gate.ratio(), gate.threshold(), gate.describe());
    }
  }

  /** Persistent discrepancies of every kind. */
  public long totalDiscrepancies() {
    return discrepancies.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The {@link CycleState} this status names. */
  public CycleState state() {
    return CycleState.valueOf(status);
  }

  /** Persistent discrepancies of one kind ({@code mismatch}, {@code missing}, ...). */
  public long discrepancies(String kind) {
    Long n = discrepancies.get(kind);
    return n == null ? 0 : n;
  }
}
