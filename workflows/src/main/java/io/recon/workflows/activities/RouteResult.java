package io.recon.workflows.activities;

import io.recon.workflows.cycle.Gate;

/**
 * How a cycle's persistent discrepancies were routed.
 *
 * @param approved routed to automatic repair (zero when the gate tripped)
 * @param pendingApproval held for a human decision
 * @param reported recorded only (orphans whose action is report)
 */
public record RouteResult(Gate gate, long approved, long pendingApproval, long reported) {}
