package io.recon.workflows.cycle;

/** How a cycle ended; the full detail is in the recon store and {@code recon report}. */
public record CycleResult(
    String cycleId,
    CycleState state,
    Counts counts,
    RepairCounts repairs,
    Gate gate,
    String message) {}
