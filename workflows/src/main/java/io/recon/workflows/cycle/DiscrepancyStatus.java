package io.recon.workflows.cycle;

/** The life of one discrepancy in the recon store, from detection to its outcome. */
public enum DiscrepancyStatus {
  /** Found by comparison; not yet rechecked. */
  DETECTED,
  /** Agreed again at recheck: an in-flight write, not drift. Never repaired. */
  TRANSIENT,
  /** Still differed at recheck; waits for routing. */
  PERSISTENT,
  /** Held until an approver decides, or the approval times out. */
  PENDING_APPROVAL,
  /** Routed to repair, automatically or by an approval; not yet applied. */
  APPROVED,
  REPAIRED,
  REJECTED,
  /** Nobody decided before {@code approvalTimeout}; escalated to the job's owner. */
  EXPIRED,
  /** The target changed after comparison; left for the next cycle rather than overwritten. */
  SKIPPED_CONCURRENT_CHANGE,
  /** The write failed; its error is recorded. */
  FAILED,
  /** Repaired, but the sides still differ at verification. */
  UNRESOLVED,
  /** Recorded only: an orphan whose action is {@code report}. */
  REPORTED
}
