package io.recon.starter.feed;

/** No feed of that name was ever started, or it is not running when it must be. */
public final class UnknownFeedException extends IllegalArgumentException {
  public UnknownFeedException(String message) {
    super(message);
  }
}
