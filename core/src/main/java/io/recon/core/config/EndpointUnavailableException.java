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

  private static final java.util.regex.Pattern CAUSED_BY =
      java.util.regex.Pattern.compile("caused by \\{(?:[\\w.$]+: )?([^}]*)}");

  /**
   * The root cause in words an operator can act on. The MongoDB driver reports an unreachable
   * server as a timeout whose text dumps its whole cluster view; only the socket's own reason is
   * kept from it.
   */
  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    if (message.startsWith("Timed out while waiting for a server")) {
      java.util.regex.Matcher m = CAUSED_BY.matcher(message);
      String reason = null;
      while (m.find()) {
        reason = m.group(1);
      }
      return "no server answered in time" + (reason == null ? "" : " (" + reason + ")");
    }
    return message.lines().findFirst().orElse("");
  }
}
