package io.recon.workflows.activities;

import java.util.List;

/**
 * What a decision changed.
 *
 * @param applied pending discrepancies it approved or rejected
 * @param notPending ids it named that were not pending (unknown, or already decided); they are
 *     refused and audited, never silently ignored
 * @param stillPending discrepancies of the cycle still waiting for a decision
 */
public record DecideResult(long applied, List<String> notPending, long stillPending) {
  public DecideResult {
    notPending = notPending == null ? List.of() : List.copyOf(notPending);
  }
}
