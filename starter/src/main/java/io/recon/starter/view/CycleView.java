package io.recon.starter.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.recon.workflows.cycle.Decision;
import java.util.List;
import java.util.Map;

/**
 * A cycle as {@code recon status} and {@code recon run --json} show it, from the live {@code
 * status} query or, once the workflow has closed, from the recon store. Its JSON form is a stable
 * contract for scripts and services: fields are added, never renamed.
 *
 * @param live whether the view came from the running workflow (true) or from the store (false)
 */
@JsonPropertyOrder({
  "cycle",
  "spec",
  "mode",
  "status",
  "phase",
  "live",
  "startedAt",
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
  "decisions",
  "message"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CycleView(
    String cycle,
    String spec,
    String mode,
    String status,
    String phase,
    boolean live,
    String startedAt,
    String finishedAt,
    int rangesDone,
    int rangesTotal,
    long compared,
    Map<String, Long> discrepancies,
    Map<String, Long> severities,
    @com.fasterxml.jackson.annotation.JsonProperty("transient") long transientCount,
    long repaired,
    long pendingApproval,
    long rejected,
    long expired,
    long skippedConcurrentChange,
    long unresolved,
    long failed,
    long reported,
    GateView gate,
    List<Decision> decisions,
    String message) {

  /** The quality gate as shown to operators. */
  public record GateView(boolean tripped, double ratio, double threshold, String summary) {}

  /** Persistent discrepancies of every kind. */
  public long totalDiscrepancies() {
    return discrepancies.values().stream().mapToLong(Long::longValue).sum();
  }
}
