package io.recon.workflows.activities;

import io.recon.workflows.cycle.PendingItems;
import java.util.List;

/**
 * What a decision changed.
 *
 * @param applied pending discrepancies it approved or rejected
 * @param notPending ids it named that were not pending (unknown, or already decided); they are
 *     refused and audited, never silently ignored
 * @param stillPending discrepancies of the cycle still waiting for a decision
 * @param pending the first {@link PendingItems#LIMIT} of them, for {@code status}; in a history
 *     recorded before status listed them, a total without items
 */
public record DecideResult(
    long applied, List<String> notPending, long stillPending, PendingItems pending) {
  public DecideResult {
    notPending = notPending == null ? List.of() : List.copyOf(notPending);
    pending = pending == null ? new PendingItems(stillPending, List.of()) : pending;
  }

  public DecideResult(long applied, List<String> notPending, long stillPending) {
    this(applied, notPending, stillPending, null);
  }
}
