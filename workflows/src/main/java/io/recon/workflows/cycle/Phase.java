package io.recon.workflows.cycle;

/** The step a cycle is in; finer than {@link CycleState}. */
public enum Phase {
  STARTING,
  PLANNING,
  COMPARING,
  ROUTING,
  REPAIRING,
  AWAITING_APPROVAL,
  VERIFYING,
  FINISHING,
  DONE
}
