package io.recon.workflows.activities;

import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.PendingItems;

/**
 * How a cycle's persistent discrepancies were routed.
 *
 * @param approved routed to automatic repair (zero when the gate tripped)
 * @param pendingApproval held for a human decision
 * @param reported recorded only (orphans whose action is report)
 * @param pending the first {@link PendingItems#LIMIT} items held, for {@code status}; none in a
 *     history recorded before status listed them
 */
public record RouteResult(
    Gate gate, long approved, long pendingApproval, long reported, PendingItems pending) {
  public RouteResult {
    pending = pending == null ? PendingItems.NONE : pending;
  }

  public RouteResult(Gate gate, long approved, long pendingApproval, long reported) {
    this(gate, approved, pendingApproval, reported, null);
  }
}
