package io.recon.workflows.failure;

import io.temporal.failure.ApplicationFailure;

/**
 * What an operator needs to know of a failure that ends a cycle: its type (a {@link FailureType}
 * name when an activity classified it) and its message, without the wrapping Temporal adds around
 * activity and child workflow failures.
 */
public record FailureReason(String type, String message) {

  /**
   * Reads the outermost {@link ApplicationFailure} in the cause chain, which carries the type and
   * message the failing activity chose. A failure without one (a timeout, a termination) is named
   * by the class of its innermost cause.
   */
  public static FailureReason of(Throwable failure) {
    Throwable innermost = failure;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return new FailureReason(app.getType(), app.getOriginalMessage());
      }
      innermost = t;
    }
    return new FailureReason(innermost.getClass().getSimpleName(), innermost.getMessage());
  }

  /** The longest line {@link #oneLine} makes; a cycle's error is read in a terminal. */
  public static final int MAX_LINE = 1_000;

  /**
   * What a failed cycle records and shows: {@code PHASE: TYPE: message}, on one line (line breaks
   * in engine messages become "; "), at most {@link #MAX_LINE} characters. A type that is a Java
   * class name (a transient failure that outlasted its retries) is shown by its simple name.
   */
  public String oneLine(String phase) {
    String shownType = type == null ? "UNKNOWN" : type.substring(type.lastIndexOf('.') + 1);
    String text =
        (phase == null ? "" : phase + ": ")
            + shownType
            + ": "
            + (message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; "));
    return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 1) + "…";
  }

  /** Whether retrying cannot fix it. */
  public boolean permanent() {
    for (String name : FailureType.names()) {
      if (name.equals(type)) {
        return true;
      }
    }
    return false;
  }
}
