package io.recon.activities.retention;

/** {@code recon prune --spec NAME} named a spec the store holds nothing of. */
public final class UnknownSpecException extends RuntimeException {
  public UnknownSpecException(String name) {
    super("no spec named '" + name + "' in the recon store: no version, discrepancy or audit row");
  }
}
