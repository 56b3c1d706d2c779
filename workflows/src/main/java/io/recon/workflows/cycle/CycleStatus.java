package io.recon.workflows.cycle;

import java.util.List;

/**
 * The answer of the {@code status} query: cheap to compute from workflow state, so it can be polled
 * every second.
 *
 * @param decisions the most recent approvals and rejections, accepted or refused (bounded)
 * @param message one line on what the cycle is doing or why it stopped
 */
public record CycleStatus(
    String cycleId,
    String spec,
    Mode mode,
    CycleState state,
    Phase phase,
    int rangesDone,
    int rangesTotal,
    Counts counts,
    RepairCounts repairs,
    Gate gate,
    List<Decision> decisions,
    String message,
    long startedAtMillis,
    long updatedAtMillis) {
  public CycleStatus {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
  }
}
