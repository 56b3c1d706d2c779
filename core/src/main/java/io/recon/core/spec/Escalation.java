package io.recon.core.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  // scheme://authority[path-query-fragment], the authority ending at the first / ? or #.
  private static final Pattern URL = Pattern.compile("(?i)(https?)://([^/?#]*)([/?#].*)?");
  // What RFC 3986 allows in a URL, unreserved, reserved and percent; and a % not escaping a byte.
  private static final Pattern URL_CHARS =
      Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*");
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
  // A DNS name or IPv4 address, or an IPv6 literal in brackets, and an optional port.
  private static final Pattern HOST_PORT =
      Pattern.compile(
          "([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
              + "|\\[[0-9A-Fa-f:.]+\\])"
              + "(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4}))?");

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
   * http or https URL with a host, in the characters RFC 3986 allows, and carry no user or password
   * (they would be stored with the spec and shown in its history; a receiver authenticates recon by
   * the HMAC signature instead). Checked by hand: core does no networking, not even {@code URI}.
   */
  static String urlProblem(String text) {
    String shown = text.length() <= 80 ? text : text.substring(0, 79) + "…";
    if (text.isBlank() || !text.strip().equals(text)) {
      return "must be an http(s) URL without surrounding blanks, not '" + shown + "'";
    }
    Matcher m = URL.matcher(text);
    if (!m.matches()) {
      return "must be an absolute http:// or https:// URL, not '" + shown + "'";
    }
    String authority = m.group(2);
    if (authority.contains("@")) {
      // Never echo the value: it holds the credentials.
      return "must not carry a user or password in the URL; the webhook's HMAC key comes from"
          + " RECON_ESCALATION_HMAC_KEY";
    }
    if (!URL_CHARS.matcher(text).matches() || BAD_ESCAPE.matcher(text).find()) {
      return "must be written in URL characters (percent-encode the others), not '" + shown + "'";
    }
    if (!HOST_PORT.matcher(authority).matches()) {
      return "must name a host (and an optional port up to 65535), not '" + shown + "'";
    }
    if (text.indexOf('#') >= 0) {
      return "must not have a #fragment, not '" + shown + "'";
    }
    return null;
  }
}
