package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import java.util.List;

/**
 * An approval or rejection to apply to a cycle's held repairs, or a refused signal to audit.
 *
 * @param action {@code approve} or {@code reject}
 * @param ids discrepancy ids; empty means every pending one
 * @param refusal set when the workflow already refused the signal (malformed payload, approver not
 *     in the spec): the activity then changes nothing and only audits the refusal
 */
public record DecideRequest(
    JobSpec spec,
    String cycleId,
    String action,
    String approver,
    String reason,
    List<String> ids,
    String requestId,
    String refusal) {
  public DecideRequest {
    ids = ids == null ? List.of() : List.copyOf(ids);
  }
}
