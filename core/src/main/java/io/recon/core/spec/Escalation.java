package io.recon.core.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where the job's owner is told of events that need a human (spec key {@code escalation:}). Secrets
 * never appear here: the HMAC key of a webhook comes from the environment, and a URL that embeds
 * credentials is refused, because the spec is stored in the registry and travels through Temporal.
 *
 * @param webhook an absolute http(s) URL that receives one JSON message per event, or null
 * @param alertmanager the base URL of an Alertmanager whose v2 API receives the events as alerts,
 *     or null
 * @param driftAfter how long a discrepancy may stay open across cycles before a cycle posts {@code
 *     drift.persistent}; {@link #DEFAULT_DRIFT_AFTER} when the spec does not say
 */
public record Escalation(String webhook, String alertmanager, Duration driftAfter) {
  /** The default of {@code escalation.driftAfter}. */
  public static final Duration DEFAULT_DRIFT_AFTER = Duration.ofDays(7);

  public Escalation {
    Require.check(
        webhook != null || alertmanager != null,
        "escalation",
        "must name a webhook or an alertmanager");
    checkUrl(webhook, "escalation.webhook");
    checkUrl(alertmanager, "escalation.alertmanager");
    driftAfter = driftAfter == null ? DEFAULT_DRIFT_AFTER : driftAfter;
    Require.check(
        !driftAfter.isNegative() && !driftAfter.isZero(), "escalation.driftAfter", "must be > 0");
  }

  /** Without a drift threshold of its own: {@link #DEFAULT_DRIFT_AFTER}. */
  public Escalation(String webhook, String alertmanager) {
    this(webhook, alertmanager, null);
  }

  static Escalation read(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("webhook", "alertmanager", "driftAfter"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    String webhook = url(r, m.get("webhook"), path + ".webhook");
    String alertmanager = url(r, m.get("alertmanager"), path + ".alertmanager");
    Duration driftAfter =
        m.containsKey("driftAfter") ? r.duration(m.get("driftAfter"), path + ".driftAfter") : null;
    if (driftAfter != null && (driftAfter.isNegative() || driftAfter.isZero())) {
      r.problem(m.get("driftAfter"), path + ".driftAfter", "must be longer than 0");
    }
    if (webhook == null && alertmanager == null && r.problems().size() == before) {
      r.problem(node, path, "name a webhook or an alertmanager");
    }
    return r.problems().size() > before ? null : new Escalation(webhook, alertmanager, driftAfter);
  }

  private static String url(NodeReader r, Node node, String path) {
    if (node == null) {
      return null;
    }
    String text = r.string(node, path);
    if (text == null) {
      return null;
    }
    String refusal = urlProblem(text);
    if (refusal != null) {
      r.problem(node, path, refusal);
      return null;
    }
    return text;
  }

  private static void checkUrl(String url, String field) {
    if (url != null) {
      String refusal = urlProblem(url);
      Require.check(refusal == null, field, refusal);
    }
  }

  /**
   * Why {@code text} cannot be an escalation endpoint, or null when it can: it must be an absolute
   * http or https URL with a host, and carry no user or password (they would be stored with the
   * spec and shown in its history; a receiver authenticates recon by the HMAC signature instead).
   */
  static String urlProblem(String text) {
    String shown = text.length() <= 80 ? text : text.substring(0, 79) + "…";
    if (text.isBlank() || !text.strip().equals(text)) {
      return "must be an http(s) URL without surrounding blanks, not '" + shown + "'";
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return "is not a valid URL ('" + shown + "'): " + e.getReason();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      return "must be an absolute http:// or https:// URL, not '" + shown + "'";
    }
    if (uri.getRawUserInfo() != null) {
      // Never echo the value: it holds the credentials.
      return "must not carry a user or password in the URL; the webhook's HMAC key comes from"
          + " RECON_ESCALATION_HMAC_KEY";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must name a host, not '" + shown + "'";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a #fragment, not '" + shown + "'";
    }
    return null;
  }
}
