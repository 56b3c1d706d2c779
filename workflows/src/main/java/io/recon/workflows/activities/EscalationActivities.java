package io.recon.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Tells a job's owner of the events that need a human, at the endpoints of the spec's {@code
 * escalation:}. A cycle calls it only when its spec has one, and never fails because of it.
 */
@ActivityInterface
public interface EscalationActivities {

  /**
   * Posts {@code event} to each endpoint of the spec's {@code escalation:} (webhook, Alertmanager)
   * that has not yet received it, and records each attempt's outcome in the store and the audit
   * ({@code escalation.sent}, {@code escalation.failed}).
   *
   * <p>Idempotent by {@link EscalationEvent#eventId()}: an endpoint that already received the event
   * is skipped, so a retried activity or a continued-as-new cycle never posts it twice (a worker
   * that dies between the post and its record may post once more, with the same {@code
   * Idempotency-Key}). Transient HTTP failures (connect errors, timeouts, 5xx, 429 with its {@code
   * Retry-After} capped) are retried inside the activity a bounded number of times; an endpoint
   * that stays down, or refuses the message, ends as {@link EscalationOutcome#FAILED} in the
   * result, never as a failure of the activity. The activity itself fails only when the store
   * cannot record the outcome, which Temporal retries a bounded number of times.
   */
  @ActivityMethod
  EscalationOutcome deliver(EscalationEvent event);

  /**
   * The discrepancies of the cycle that are still open at its end (persistent, pending, approved,
   * expired, skipped, failed or unresolved) and were first seen, in this cycle or an earlier one of
   * the job, at least {@code olderThan} ago. Read-only, so safe to retry.
   */
  @ActivityMethod
  DriftFound findPersistentDrift(DriftQuery query);
}
