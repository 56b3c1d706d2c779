package io.recon.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.cycle.Decision;
import io.recon.workflows.input.RawJson;
import io.temporal.common.converter.RawValue;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Receives a cycle's {@code approve} and {@code reject} signals. Workflow code: deterministic, time
 * from the workflow clock. The signal handlers only call {@link #receive}, which never blocks and
 * never throws; the workflow's main loop takes the work out with {@link #nextToDecide} and {@link
 * #nextToAudit}, because only it may call activities in a known order.
 *
 * <p>A signal ends in exactly one of three ways:
 *
 * <ul>
 *   <li><b>refused</b> at once, recorded in the log (so {@code status} shows it before any activity
 *       runs) and queued for the audit: a payload that is not JSON or does not parse, a malformed
 *       one, an approver not in the spec, or any signal while the cycle is not {@link
 *       #startDeciding deciding};
 *   <li><b>queued to decide</b>: the main loop applies it and records the outcome with {@link
 *       #record};
 *   <li><b>a duplicate</b>, found when the main loop takes it: its request id was already taken (in
 *       this run or, among the last {@link #REQUEST_ID_MEMORY}, an earlier one). Recorded as
 *       refused in the log and not audited again: the audit holds the decision under that request
 *       id, and {@code decide} is idempotent by request id for one that slips past the memory.
 * </ul>
 *
 * <p>The {@code decide} update goes through the same desk ({@link #submit}): it takes a ticket and
 * waits for {@link #outcome} of that ticket, so a decision by update and one by signal are decided
 * by the same code, in arrival order, with the same refusals.
 */
public final class ApprovalDesk {
  /** Accepted request ids remembered for duplicate detection; bounded, as they cross runs. */
  public static final int REQUEST_ID_MEMORY = 200;

  private static final Logger log = Workflow.getLogger(ApprovalDesk.class);

  private final Supplier<String> phase;
  private final DecisionLog decisions = new DecisionLog(List.of());
  private final RecentIds requestIds = new RecentIds(REQUEST_ID_MEMORY);
  private final ArrayDeque<Queued> toDecide = new ArrayDeque<>();
  private final ArrayDeque<ApprovalPayload> toAudit = new ArrayDeque<>();
  // Signals that arrive before the cycle knows its approvers wait here; they are never dropped.
  private final List<Signal> early = new ArrayList<>();
  // Outcomes of decisions an update waits for, by ticket; each is taken once by its update.
  private final Map<Long, Decision> outcomes = new HashMap<>();
  private List<String> approvers;
  private boolean deciding;
  private long lastTicket;
  // The ticket of the payload the main loop is deciding, 0 when none or a signal's.
  private long decidingTicket;

  /**
   * A signal or update as received: its JSON, or why it could not be read as JSON; {@code ticket}
   * is 0 for a signal, whose outcome nobody waits for.
   */
  private record Signal(String action, JsonNode payload, String unreadable, long ticket) {}

  private record Queued(ApprovalPayload payload, long ticket) {}

  /**
   * @param phase the cycle's current phase, named in the refusal of a signal that arrives while the
   *     cycle is not awaiting approval
   */
  public ApprovalDesk(Supplier<String> phase) {
    this.phase = phase;
  }

  /**
   * Starts checking signals against {@code approvers}, after the decisions and request ids a
   * previous run carried over, and receives the signals that arrived before.
   */
  public void open(List<String> approvers, List<Decision> carried, List<String> carriedIds) {
    this.approvers = List.copyOf(approvers);
    carried.forEach(decisions::record);
    carriedIds.forEach(requestIds::add);
    early.forEach(this::receive);
    early.clear();
  }

  /** Valid signals are queued to decide from now on, until {@link #stopDeciding}. */
  public void startDeciding() {
    deciding = true;
  }

  public void stopDeciding() {
    deciding = false;
  }

  /**
   * Decodes one raw signal payload, then validates it and refuses it or queues it, as the class
   * comment says. Never throws.
   */
  public void receive(String action, RawValue raw) {
    try {
      receive(new Signal(action, RawJson.read(raw), null, 0));
    } catch (RawJson.UnreadablePayload e) {
      receive(new Signal(action, null, e.getMessage(), 0));
    }
  }

  /**
   * Receives a decision from the {@code decide} update, already validated in shape, exactly as a
   * signal would be; returns the ticket whose {@link #outcome} the update waits for.
   */
  public long submit(String action, JsonNode payload) {
    long ticket = ++lastTicket;
    receive(new Signal(action, payload, null, ticket));
    return ticket;
  }

  /** What became of {@code ticket}'s decision, once, or null while it is not decided yet. */
  public Decision outcome(long ticket) {
    return outcomes.remove(ticket);
  }

  /** Whether {@code ticket}'s decision is decided and waits to be taken. */
  public boolean decided(long ticket) {
    return outcomes.containsKey(ticket);
  }

  private void receive(Signal signal) {
    if (approvers == null) {
      early.add(signal);
      return;
    }
    String action = signal.action();
    ApprovalPayload parsed =
        signal.unreadable() != null
            ? ApprovalPayload.unreadable(action, signal.unreadable())
            : ApprovalPayload.parse(signal.payload(), action, approvers);
    if (parsed.valid() && !deciding) {
      parsed = parsed.refuse("the cycle is not awaiting approval (phase " + phase.get() + ")");
    }
    if (!parsed.valid()) {
      record(parsed.toDecision(0, null, now()), signal.ticket());
      toAudit.addLast(parsed);
      return;
    }
    toDecide.addLast(new Queued(parsed, signal.ticket()));
  }

  /** Whether the main loop has anything to decide or to audit. */
  public boolean hasWork() {
    return !toDecide.isEmpty() || !toAudit.isEmpty();
  }

  /**
   * The oldest valid signal not yet decided, or null. Duplicates are recorded as refused on the
   * way, here rather than on receipt, so that the log shows an original's outcome before its
   * duplicate and a caller looking up its request id finds what really happened.
   */
  public ApprovalPayload nextToDecide() {
    for (Queued q = toDecide.pollFirst(); q != null; q = toDecide.pollFirst()) {
      ApprovalPayload next = q.payload();
      if (next.requestId() == null || requestIds.add(next.requestId())) {
        decidingTicket = q.ticket();
        return next;
      }
      record(
          next.refuse("duplicate: request " + next.requestId() + " was already received")
              .toDecision(0, null, now()),
          q.ticket());
    }
    return null;
  }

  /** The oldest refused signal not yet audited, or null. */
  public ApprovalPayload nextToAudit() {
    return toAudit.pollFirst();
  }

  /**
   * Records what became of the payload {@link #nextToDecide} last returned, and logs it; an update
   * waiting for it gets it as its outcome.
   */
  public void record(Decision decision) {
    long ticket = decidingTicket;
    decidingTicket = 0;
    record(decision, ticket);
  }

  private void record(Decision decision, long ticket) {
    if (ticket != 0) {
      outcomes.put(ticket, decision);
    }
    decisions.record(decision);
    log.info(
        "{} by {} {}",
        decision.action(),
        decision.approver(),
        decision.accepted()
            ? "applied to " + decision.applied()
            : "refused: " + decision.refusal());
  }

  /** The recent decisions, oldest first (bounded). */
  public List<Decision> recent() {
    return decisions.recent();
  }

  /** The accepted request ids to carry across continue-as-new, oldest first (bounded). */
  public List<String> requestIds() {
    return requestIds.list();
  }

  public static long now() {
    return Workflow.currentTimeMillis();
  }
}
