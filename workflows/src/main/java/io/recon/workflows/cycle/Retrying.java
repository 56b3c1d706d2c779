package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An activity of a running cycle that failed and is waiting for its next attempt: which one, in
 * which workflow (the cycle or one of its partitions), its attempt count and its last error, so an
 * operator sees "PostgreSQL refused the connection, attempt 4 of 20" rather than a cycle that seems
 * to have stopped.
 *
 * @param attempt the attempt now scheduled or running (2 after one failure)
 * @param maxAttempts the activity's bound, 0 when the server does not say
 */
@JsonPropertyOrder({"activity", "workflowId", "attempt", "maxAttempts", "lastError"})
public record Retrying(
    String activity, String workflowId, int attempt, int maxAttempts, String lastError) {

  /** One line for a terminal. */
  public String describe() {
    return "retrying "
        + activity
        + " in "
        + workflowId
        + ": attempt "
        + attempt
        + (maxAttempts > 0 ? " of " + maxAttempts : "")
        + ", last error: "
        + lastError;
  }
}
