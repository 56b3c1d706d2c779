package io.recon.activities.store;

/** The registry holds no spec of that name, or no such version of it; the message says which. */
public final class UnknownSpecException extends IllegalArgumentException {
  public UnknownSpecException(String message) {
    super(message);
  }
}
