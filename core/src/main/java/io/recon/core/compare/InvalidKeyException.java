package io.recon.core.compare;

/**
 * A value that cannot be a key part of the declared type, such as a string {@code _id} in a
 * collection keyed by integers. Callers report the document; it is data, not a crash.
 */
public class InvalidKeyException extends IllegalArgumentException {
  public InvalidKeyException(String message) {
    super(message);
  }
}
