package io.recon.workflows.cycle;

/** Where a cycle stands, as {@code status} and reports show it. */
public enum CycleState {
  RUNNING,
  /** Held repairs wait for a decision on the {@code approve} and {@code reject} signals. */
  AWAITING_APPROVAL,
  /** The quality gate tripped: nothing is repaired automatically; everything waits for approval. */
  GATED,
  COMPLETED,
  FAILED,
  /**
   * Stopped on request ({@code recon cancel} or a Temporal cancellation); the store says by whom.
   */
  CANCELLED,
  /**
   * Closed by recon because its workflow no longer exists or ended without recording an end (a
   * Temporal server that lost its state, a terminated workflow). Never set by the workflow itself.
   */
  ABANDONED;

  /** Whether a cycle in this state has ended for good. */
  public boolean closed() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == ABANDONED;
  }
}
