package io.recon.core.config;

/** The environment holds a value recon cannot use; the message names the variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
