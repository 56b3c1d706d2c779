package io.recon.activities.repair;

import io.recon.activities.support.Failures;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.failure.FailureType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

/**
 * A decision request read as what it asks: approve or reject, by whom, and which discrepancy ids.
 * Pure; the decider applies it in one transaction.
 *
 * @param approve true to approve, false to reject
 * @param named the ids that parse as discrepancy ids
 * @param unparsable the ids as given that do not, which are never pending
 */
record DecisionInput(boolean approve, String approver, List<Long> named, List<String> unparsable) {
  /** The approver a request names, or {@code unknown} when it names none. */
  static String approver(DecideRequest r) {
    return r.approver() == null || r.approver().isBlank() ? "unknown" : r.approver();
  }

  /**
   * Reads {@code r}.
   *
   * @throws io.temporal.failure.ApplicationFailure BAD_SPEC when the action is neither approve nor
   *     reject (in any case)
   */
  static DecisionInput parse(DecideRequest r) {
    boolean approve = "approve".equalsIgnoreCase(r.action());
    if (!approve && !"reject".equalsIgnoreCase(r.action())) {
      throw Failures.permanent(
          FailureType.BAD_SPEC, "a decision is approve or reject, not " + r.action());
    }
    var named = new ArrayList<Long>();
    var unparsable = new ArrayList<String>();
    for (String id : r.ids()) {
      try {
        named.add(Long.parseLong(id.strip()));
      } catch (NumberFormatException e) {
        unparsable.add(id);
      }
    }
    return new DecisionInput(approve, approver(r), List.copyOf(named), List.copyOf(unparsable));
  }

  /** The status an applied decision gives a discrepancy. */
  DiscrepancyStatus to() {
    return approve ? DiscrepancyStatus.APPROVED : DiscrepancyStatus.REJECTED;
  }

  /** The detail an applied decision writes on the discrepancy. */
  String detail() {
    return (approve ? "approved by " : "rejected by ") + approver;
  }

  /** The action as stored with the decision. */
  String action() {
    return approve ? "approve" : "reject";
  }

  /**
   * The ids that were not pending: the unparsable ones, then the named ones the decision did not
   * apply to, in the order they were named.
   */
  List<String> notPending(Collection<Long> applied) {
    var hit = new HashSet<>(applied);
    var out = new ArrayList<>(unparsable);
    named.stream().filter(id -> !hit.contains(id)).forEach(id -> out.add(id.toString()));
    return out;
  }
}
