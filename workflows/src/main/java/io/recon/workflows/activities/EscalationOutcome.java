package io.recon.workflows.activities;

import java.util.List;

/**
 * What became of one event at each endpoint of the spec.
 *
 * @param eventId the event's idempotency key
 * @param deliveries one per endpoint, in the order webhook, alertmanager
 */
public record EscalationOutcome(String eventId, List<Delivery> deliveries) {
  /** The endpoint took the message (a 2xx answer). */
  public static final String SENT = "sent";

  /** The endpoint refused the message, or stayed unreachable through every retry. */
  public static final String FAILED = "failed";

  /** The endpoint had already taken this event; nothing was posted again. */
  public static final String ALREADY_SENT = "already_sent";

  public EscalationOutcome {
    deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
  }

  /** Whether every endpoint has the event. */
  public boolean delivered() {
    return deliveries.stream().noneMatch(d -> FAILED.equals(d.outcome()));
  }

  /**
   * One endpoint's outcome.
   *
   * @param target {@code webhook} or {@code alertmanager}
   * @param outcome {@link #SENT}, {@link #FAILED} or {@link #ALREADY_SENT}
   * @param attempts HTTP requests made by this activity (0 when already sent)
   * @param status the last HTTP status, or 0 when none was received
   * @param error why it failed, in one line, or null
   */
  public record Delivery(String target, String outcome, int attempts, int status, String error) {}
}
