package io.recon.core.config;

/** An engine could not be reached at start; the message names it, the variable and the cause. */
public final class EndpointUnavailableException extends RuntimeException {
  public EndpointUnavailableException(
      String engine, String variable, String redactedEndpoint, Throwable cause) {
    super(
        engine
            + " is unreachable at "
            + redactedEndpoint
            + " (set by "
            + variable
            + "): "
            + rootMessage(cause),
        cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }
}
