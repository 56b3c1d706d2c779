package io.recon.core.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an audit row says happened: the whole vocabulary of {@code recon.audit_event.action}. Each
 * action is stored as its {@link #text()} ({@code cycle.started}, ...), which is part of the audit
 * contract and never changes; docs/operations.md lists them with the same meanings (a test keeps
 * the two equal).
 */
public enum AuditAction {
  CYCLE_STARTED("cycle.started", "a cycle was opened in the store and began planning its ranges"),
  CYCLE_FINISHED("cycle.finished", "a cycle closed, COMPLETED or FAILED, with its counts"),
  CYCLE_CANCELLED("cycle.cancelled", "a cycle was cancelled; the actor is who cancelled, and why"),
  CYCLE_ABANDONED(
      "cycle.abandoned", "recon found a cycle's workflow lost and closed it in the store"),
  RANGE_COMPARED("range.compared", "one key range was compared, with its volumes and kinds"),
  DISCREPANCY_FOUND("discrepancy.found", "a detected discrepancy still differed at recheck"),
  DISCREPANCY_TRANSIENT(
      "discrepancy.transient", "a detected discrepancy agreed at recheck: an in-flight write"),
  REPAIR_ROUTED("repair.routed", "persistent discrepancies were routed to one status"),
  GATE_TRIPPED("gate.tripped", "the divergence gate tripped: repairs wait for an approval"),
  APPROVAL_REQUESTED("approval.requested", "discrepancies were held for an approver's decision"),
  APPROVAL_GRANTED("approval.granted", "an approver approved held repairs"),
  APPROVAL_REJECTED("approval.rejected", "an approver rejected held repairs"),
  APPROVAL_REFUSED(
      "approval.refused", "a decision was refused: malformed, unauthorized or too late"),
  APPROVAL_EXPIRED("approval.expired", "nobody decided in time; escalated to the spec's owner"),
  REPAIR_APPLIED("repair.applied", "a repair write landed on the target"),
  REPAIR_SKIPPED("repair.skipped", "a repair was not written: the target changed since comparison"),
  REPAIR_FAILED("repair.failed", "a repair write failed or never reached the target"),
  REPAIR_VERIFIED("repair.verified", "a repaired record agreed with its source at verification"),
  REPAIR_UNRESOLVED(
      "repair.unresolved", "a repaired record still differed from its source at verification"),
  REPAIR_ROLLED_BACK("repair.rolled_back", "a repair was undone: its before-image restored"),
  ROLLBACK_SKIPPED(
      "rollback.skipped", "a rollback left a document alone: it changed since the repair"),
  SPEC_APPLIED("spec.applied", "a spec was stored in the registry as a new version of its name"),
  FEED_STARTED("feed.started", "a job's feed began following its source's and target's changes"),
  FEED_STOPPED(
      "feed.stopped", "a job's feed stopped: who stopped it and why, or the reason it failed"),
  ESCALATION_SENT(
      "escalation.sent", "an event that needs a human was delivered to the owner's endpoint"),
  ESCALATION_FAILED(
      "escalation.failed", "an escalation could not be delivered; the cycle went on without it"),
  RETENTION_PRUNED(
      "retention.pruned",
      "a prune batch removed records past retention; audit rows only under a checkpoint it names");

  private static final Map<String, AuditAction> BY_TEXT =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(a -> a.text, Function.identity()));

  private final String text;
  private final String meaning;

  AuditAction(String text, String meaning) {
    this.text = text;
    this.meaning = meaning;
  }

  /** The stored form, e.g. {@code cycle.started}. */
  public String text() {
    return text;
  }

  /** One line saying what the action records. */
  public String meaning() {
    return meaning;
  }

  /** The action stored as {@code text}, or empty for a text no version of recon writes. */
  public static Optional<AuditAction> fromText(String text) {
    return Optional.ofNullable(BY_TEXT.get(text));
  }

  @Override
  public String toString() {
    return text;
  }
}
