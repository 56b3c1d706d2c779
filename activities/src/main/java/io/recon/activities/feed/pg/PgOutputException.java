package io.recon.activities.feed.pg;

/** A {@code pgoutput} message recon cannot read: a server or protocol it does not speak. */
final class PgOutputException extends RuntimeException {
  PgOutputException(String message) {
    super(message);
  }
}
