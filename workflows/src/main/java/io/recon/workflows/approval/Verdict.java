package io.recon.workflows.approval;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.recon.workflows.cycle.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer of the {@code decide} update: what became of one decision, the same {@link Decision}
 * the {@code approve} and {@code reject} signals record, told to the caller that asked.
 *
 * @param requestId the caller's request id, echoed; the workflow's own when the caller gave none
 * @param action {@code approve} or {@code reject}
 * @param accepted whether the decision changed anything
 * @param applied how many pending discrepancies it approved or rejected
 * @param decided the named ids it decided; empty when it named none (everything pending)
 * @param refused each named id it did not decide, with why
 * @param refusal why the whole decision was refused, or null when it was accepted
 */
@JsonPropertyOrder({
  "requestId",
  "action",
  "approver",
  "accepted",
  "applied",
  "decided",
  "refused",
  "refusal"
})
public record Verdict(
    String requestId,
    String action,
    String approver,
    boolean accepted,
    long applied,
    List<String> decided,
    List<RefusedId> refused,
    String refusal) {

  /** Why a named id was not decided. */
  public static final String NOT_PENDING = "not pending approval (unknown, or already decided)";

  public Verdict {
    decided = decided == null ? List.of() : List.copyOf(decided);
    refused = refused == null ? List.of() : List.copyOf(refused);
  }

  /** One named id that was not decided. */
  public record RefusedId(String id, String reason) {}

  /** The verdict of a recorded decision. */
  public static Verdict of(Decision d) {
    List<String> decided = new ArrayList<>();
    List<RefusedId> refused = new ArrayList<>();
    for (String id : d.ids()) {
      if (d.refusedIds().contains(id)) {
        refused.add(new RefusedId(id, NOT_PENDING));
      } else if (!d.accepted()) {
        refused.add(new RefusedId(id, d.refusal()));
      } else {
        decided.add(id);
      }
    }
    return new Verdict(
        d.requestId(),
        d.action(),
        d.approver(),
        d.accepted(),
        d.applied(),
        decided,
        refused,
        d.refusal());
  }
}
