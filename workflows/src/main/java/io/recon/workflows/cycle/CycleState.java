package io.recon.workflows.cycle;

/** Where a cycle stands, as {@code status} and reports show it. */
public enum CycleState {
  RUNNING,
  /** Held repairs wait for a decision on the {@code approve} and {@code reject} signals. */
  AWAITING_APPROVAL,
  /** The quality gate tripped: nothing is repaired automatically; everything waits for approval. */
  GATED,
  COMPLETED,
  FAILED
}
