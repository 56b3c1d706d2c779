package io.recon.cli;

/** Turns an exception into the one line a user reads; the stack trace only with --verbose. */
final class UserErrors {
  private UserErrors() {}

  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = e.getCause();
      return cause != null && cause != e ? describe(cause) : e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
