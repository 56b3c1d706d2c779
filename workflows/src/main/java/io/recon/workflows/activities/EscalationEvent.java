package io.recon.workflows.activities;

import io.recon.core.spec.JobSpec;
import java.time.Instant;
import java.util.Map;

/**
 * One event that needs a human, as the workflow knows it: only ids, counts and one-line reasons,
 * never record content. The activity turns it into the posted message.
 *
 * @param spec the cycle's spec, whose {@code escalation:} names the endpoints
 * @param cycleId the cycle the event belongs to
 * @param eventId {@code <cycle id>/<event>}, derived in the workflow; the idempotency key
 * @param kind what happened
 * @param occurredAt the workflow's time of the event
 * @param summary one line for a human
 * @param counts small named counts (pending, expired, ratio per mille...), in a stable order
 * @param failureType the failure type of a {@code cycle.failed}, else null
 * @param reason the one-line reason of a {@code cycle.failed}, else null
 */
public record EscalationEvent(
    JobSpec spec,
    String cycleId,
    String eventId,
    EscalationKind kind,
    Instant occurredAt,
    String summary,
    Map<String, Long> counts,
    String failureType,
    String reason) {
  public EscalationEvent {
    counts = counts == null ? Map.of() : counts;
  }

  /** The idempotency key of {@code kind} in {@code cycleId}: each happens once in a cycle. */
  public static String eventId(String cycleId, EscalationKind kind) {
    return cycleId + "/" + kind.text();
  }
}
