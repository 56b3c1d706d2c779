package io.recon.core.config;

import java.util.regex.Pattern;

/**
 * One database endpoint: a URL and optional credentials. {@link #toString()} and {@link
 * #redactedUrl()} hide every secret, so an endpoint can be logged or printed safely.
 */
public record Endpoint(String url, String user, String password) {
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)(password=)[^&;]*|(://[^:/@]+:)[^@/]+@");

  public Endpoint {
    if (url == null || url.isBlank()) {
      throw new ConfigException("an endpoint URL must not be empty");
    }
  }

  /** The URL with any embedded password replaced by {@code ***}. */
  public String redactedUrl() {
    return URL_PASSWORD
        .matcher(url)
        .replaceAll(m -> m.group(1) != null ? "$1***" : m.group(2).replace("$", "\\$") + "***@");
  }

  @Override
  public String toString() {
    return redactedUrl() + (user == null ? "" : " (user " + user + ")");
  }
}
