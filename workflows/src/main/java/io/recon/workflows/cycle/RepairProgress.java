package io.recon.workflows.cycle;

/**
 * Where a cycle's repair and approval stands, carried across continue-as-new when a long approval
 * wait grows the history. A cycle resumed with it skips comparison and routing and waits for the
 * remaining decisions until the same deadline.
 *
 * @param gate the quality gate's verdict at routing
 * @param repairs the counts so far, {@code pendingApproval} included
 * @param approvalDeadlineMillis workflow time at which held repairs expire
 * @param pending the items held for approval as the last decision left them; absent (none shown) in
 *     a run continued before status listed them
 */
public record RepairProgress(
    Gate gate, RepairCounts repairs, long approvalDeadlineMillis, PendingItems pending) {
  public RepairProgress {
    pending = pending == null ? PendingItems.NONE : pending;
    gate = gate == null ? Gate.OPEN : gate;
    repairs = repairs == null ? RepairCounts.ZERO : repairs;
  }
}
