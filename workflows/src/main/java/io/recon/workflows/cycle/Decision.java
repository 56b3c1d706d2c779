package io.recon.workflows.cycle;

import java.util.List;

/**
 * An approval or rejection as the workflow received it, and what it made of it. Refused signals are
 * kept too, so that a typo or an unauthorized approver is visible in {@code status} and in the
 * audit, never dropped.
 *
 * @param action {@code approve} or {@code reject}
 * @param requestId the caller's id for this signal, if it gave one; {@code recon approve} waits for
 *     the decision with its id
 * @param ids the discrepancy ids it named; empty means everything pending
 * @param applied how many pending discrepancies it decided
 * @param refusal why it was refused, or null when accepted
 * @param refusedIds ids that were not pending, when some were
 */
public record Decision(
    String action,
    String requestId,
    String approver,
    String reason,
    List<String> ids,
    long applied,
    String refusal,
    List<String> refusedIds,
    long atMillis) {
  public Decision {
    ids = ids == null ? List.of() : List.copyOf(ids);
    refusedIds = refusedIds == null ? List.of() : List.copyOf(refusedIds);
  }

  public boolean accepted() {
    return refusal == null;
  }
}
