package io.recon.activities.escalation;

import io.recon.core.config.ConfigVar;
import io.recon.core.config.ReconConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * How a worker posts escalations, read once from its configuration. The HMAC key is a secret:
 * {@link #toString()} says only whether it is set.
 *
 * @param hmacKey the UTF-8 bytes of {@code RECON_ESCALATION_HMAC_KEY}, or null: messages go
 *     unsigned
 * @param temporalUiUrl {@code RECON_TEMPORAL_UI_URL} without a trailing slash, or null: no link
 * @param namespace the Temporal namespace, for the link
 * @param requestTimeout how long one HTTP request may take, connect included
 * @param maxAttempts HTTP requests per endpoint and activity attempt, at least 1
 * @param firstBackoff the wait after the first transient failure, doubled after each
 * @param maxWait the longest wait between two requests, whatever {@code Retry-After} asks for
 */
public record EscalationSettings(
    byte[] hmacKey,
    String temporalUiUrl,
    String namespace,
    Duration requestTimeout,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxWait) {
  /** Five requests with waits of 1, 2, 4 and 8 s (or a Retry-After up to 30 s): under 3 minutes. */
  public static final int DEFAULT_ATTEMPTS = 5;

  public EscalationSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    temporalUiUrl = uiBase(temporalUiUrl);
  }

  /**
   * The UI's base URL as links may show it: without trailing slashes, and without a user or
   * password (every receiver would see them); null when unset or not an absolute http(s) URL.
   */
  private static String uiBase(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI u = new URI(url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        return null;
      }
      URI bare = new URI(scheme, null, u.getHost(), u.getPort(), u.getPath(), null, null);
      return bare.toString().replaceAll("/+$", "");
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The worker's settings from its configuration, with the default timeouts and retries. */
  public static EscalationSettings of(ReconConfig config) {
    return new EscalationSettings(
        config
            .setting(ConfigVar.RECON_ESCALATION_HMAC_KEY)
            .map(k -> k.getBytes(StandardCharsets.UTF_8))
            .orElse(null),
        config.setting(ConfigVar.RECON_TEMPORAL_UI_URL).orElse(null),
        config.temporalNamespace(),
        Duration.ofSeconds(10),
        DEFAULT_ATTEMPTS,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  /** A copy with other retry timings; tests use it to retry in milliseconds. */
  public EscalationSettings withRetries(int attempts, Duration backoff, Duration cap) {
    return new EscalationSettings(
        hmacKey, temporalUiUrl, namespace, requestTimeout, attempts, backoff, cap);
  }

  @Override
  public String toString() {
    return "EscalationSettings[signed="
        + (hmacKey != null)
        + ", temporalUiUrl="
        + temporalUiUrl
        + ", namespace="
        + namespace
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }
}
