package io.recon.workflows.activities;

/**
 * The events that need a human, by the name each message carries in its {@code event} field, which
 * is part of the escalation contract (docs/contract/escalation.schema.json).
 */
public enum EscalationKind {
  /** Repairs are held and wait for an approver; the message has the {@code recon approve} line. */
  APPROVAL_WAITING("approval.waiting"),
  /** Nobody decided before {@code repair.approvalTimeout}; the held repairs expired. */
  APPROVAL_EXPIRED("approval.expired"),
  /** The quality gate tripped: nothing is repaired automatically. */
  GATE_TRIPPED("gate.tripped"),
  /** The cycle closed FAILED; the message has the failure type and reason. */
  CYCLE_FAILED("cycle.failed"),
  /** Discrepancies stay open across cycles for longer than {@code escalation.driftAfter}. */
  DRIFT_PERSISTENT("drift.persistent");

  private final String text;

  EscalationKind(String text) {
    this.text = text;
  }

  /** The name in the message and the audit, e.g. {@code approval.waiting}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
