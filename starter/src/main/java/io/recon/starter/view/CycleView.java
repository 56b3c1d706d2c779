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
 * @param retrying activities of a running cycle waiting for another attempt after a failure, with
 *     their attempt and last error; absent when none is
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
  "message",
  "retrying"
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
    String message,
    List<Retrying> retrying) {

  public CycleView {
    retrying = retrying == null || retrying.isEmpty() ? null : List.copyOf(retrying);
  }

  /** This view with the activities now being retried. */
  public CycleView withRetrying(List<Retrying> now) {
    return new CycleView(
        cycle,
        spec,
        mode,
        status,
        phase,
        live,
        startedAt,
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
        decisions,
        message,
        now);
  }

  /** The quality gate as shown to operators. */
  public record GateView(boolean tripped, double ratio, double threshold, String summary) {}

  /** Persistent discrepancies of every kind. */
  public long totalDiscrepancies() {
    return discrepancies.values().stream().mapToLong(Long::longValue).sum();
  }
}
