package io.recon.core.compare;

/**
 * A side of a merge-join whose keys are not ascending, or lie outside the range: its engine orders
 * keys differently from recon (a collation disagreement), so no verdict over it can be trusted.
 * Unlike a duplicate key, this fails the comparison; the message names the side and the keys.
 */
public final class OutOfOrderException extends IllegalStateException {
  public OutOfOrderException(String message) {
    super(message);
  }
}
