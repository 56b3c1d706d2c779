package io.recon.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.cycle.Decision;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Receives a cycle's {@code approve} and {@code reject} signals and records what it made of each in
 * a {@link DecisionLog}. Workflow code: deterministic, time from the workflow clock.
 *
 * <p>Nothing is held for approval yet, so an accepted decision decides nothing and reports every id
 * it names as not pending. The approval phase replaces {@link #apply} with a lookup of what is
 * pending.
 */
public final class ApprovalDesk {
  private static final Logger log = Workflow.getLogger(ApprovalDesk.class);

  private final DecisionLog decisions = new DecisionLog(List.of());
  // Signals that arrive before the cycle knows its approvers wait here; they are never dropped.
  private final List<Signal> early = new ArrayList<>();
  private List<String> approvers;

  private record Signal(String action, JsonNode payload) {}

  /**
   * Starts deciding against {@code approvers}, after the decisions a previous run carried over, and
   * decides the signals that arrived before.
   */
  public void open(List<String> approvers, List<Decision> carried) {
    this.approvers = List.copyOf(approvers);
    carried.forEach(decisions::record);
    early.forEach(s -> receive(s.action(), s.payload()));
    early.clear();
  }

  /** Validates one signal and records the decision, accepted or refused. Never throws. */
  public void receive(String action, JsonNode payload) {
    if (approvers == null) {
      early.add(new Signal(action, payload));
      return;
    }
    ApprovalPayload parsed = ApprovalPayload.parse(payload, action, approvers);
    Decision decision = parsed.valid() ? apply(parsed) : parsed.toDecision(0, null, now());
    decisions.record(decision);
    log.info(
        "{} by {} {}",
        action,
        decision.approver(),
        decision.accepted() ? "accepted" : "refused: " + decision.refusal());
  }

  /** The recent decisions, oldest first (bounded). */
  public List<Decision> recent() {
    return decisions.recent();
  }

  private Decision apply(ApprovalPayload valid) {
    return valid.toDecision(0, valid.ids(), now());
  }

  private static long now() {
    return Workflow.currentTimeMillis();
  }
}
