package io.recon.activities.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The messages posted for one event: the webhook's JSON object
 * (docs/contract/escalation.schema.json) and Alertmanager's v2 alert list. They hold ids, counts
 * and one-line reasons only, never record content, and every command in them is shell-quoted so
 * that it can be pasted as it is.
 */
final class EscalationMessage {
  /** The version of the webhook message's shape; a change that breaks receivers raises it. */
  static final int SCHEMA_VERSION = 1;

  /** How long an alert stays firing in Alertmanager unless a newer post of it arrives. */
  static final Duration ALERT_LIFETIME = Duration.ofHours(24);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._/:=@%+-]+");

  private EscalationMessage() {}

  /** The webhook's body. */
  static byte[] webhook(EscalationEvent event, EscalationSettings settings) {
    return bytes(object(event, settings));
  }

  /** The body of {@code POST /api/v2/alerts}: one alert, labelled by spec, owner and event. */
  static byte[] alertmanager(EscalationEvent event, EscalationSettings settings) {
    JobSpec spec = event.spec();
    ArrayNode alerts = JSON.createArrayNode();
    ObjectNode alert = alerts.addObject();
    ObjectNode labels = alert.putObject("labels");
    labels.put("alertname", alertName(event.kind()));
    labels.put("spec", spec.name());
    labels.put("owner", spec.owner());
    labels.put("event", event.kind().text());
    labels.put("severity", event.kind() == EscalationKind.CYCLE_FAILED ? "critical" : "warning");
    ObjectNode annotations = alert.putObject("annotations");
    annotations.put("summary", event.summary());
    annotations.put("cycle", event.cycleId());
    annotations.put("event_id", event.eventId());
    if (event.kind() == EscalationKind.APPROVAL_WAITING) {
      annotations.put("approve", approveLine(event.cycleId()));
      annotations.put("reject", rejectLine(event.cycleId()));
    }
    if (event.failureType() != null) {
      annotations.put("failure_type", event.failureType());
      annotations.put("reason", event.reason());
    }
    String link = temporalUi(event, settings);
    if (link != null) {
      annotations.put("temporal_ui", link);
      alert.put("generatorURL", link);
    }
    alert.put("startsAt", event.occurredAt().toString());
    alert.put("endsAt", event.occurredAt().plus(ALERT_LIFETIME).toString());
    return bytes(alerts);
  }

  /** {@code approval.waiting} is {@code ReconApprovalWaiting}, and so on. */
  static String alertName(EscalationKind kind) {
    StringBuilder b = new StringBuilder("Recon");
    for (String part : kind.text().split("\\.")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  static String approveLine(String cycleId) {
    return "recon approve " + quote(cycleId) + " --by NAME --reason TEXT";
  }

  static String rejectLine(String cycleId) {
    return "recon reject " + quote(cycleId) + " --by NAME --reason TEXT";
  }

  /** The cycle's page in the Temporal UI, or null when no UI URL is configured. */
  static String temporalUi(EscalationEvent event, EscalationSettings settings) {
    if (settings.temporalUiUrl() == null) {
      return null;
    }
    return settings.temporalUiUrl()
        + "/namespaces/"
        + URLEncoder.encode(settings.namespace(), StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(event.cycleId(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ObjectNode object(EscalationEvent event, EscalationSettings settings) {
    JobSpec spec = event.spec();
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("id", event.eventId());
    m.put("event", event.kind().text());
    m.put("occurredAt", event.occurredAt().toString());
    m.put("spec", spec.name());
    m.put("owner", spec.owner());
    m.put("cycle", event.cycleId());
    m.put("summary", event.summary());
    ObjectNode counts = m.putObject("counts");
    for (Map.Entry<String, Long> c : event.counts().entrySet()) {
      counts.put(c.getKey(), c.getValue());
    }
    ArrayNode approvers = m.putArray("approvers");
    spec.approvers().forEach(approvers::add);
    boolean waiting = event.kind() == EscalationKind.APPROVAL_WAITING;
    m.put("approve", waiting ? approveLine(event.cycleId()) : null);
    m.put("reject", waiting ? rejectLine(event.cycleId()) : null);
    m.put("temporalUi", temporalUi(event, settings));
    if (event.failureType() == null) {
      m.putNull("failure");
    } else {
      ObjectNode failure = m.putObject("failure");
      failure.put("type", event.failureType());
      failure.put("reason", event.reason());
    }
    return m;
  }

  /** {@code text} as one shell word: as it is when plainly safe, else single-quoted. */
  static String quote(String text) {
    if (SHELL_SAFE.matcher(text).matches()) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private static byte[] bytes(Object tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A tree of strings and numbers always serializes.
      throw new IllegalStateException("cannot write an escalation message", e);
    }
  }
}
