package io.recon.workflows.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.cycle.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code approve} or {@code reject} signal as the workflow understood it: either valid ({@code
 * refusal} is null) or refused with a reason an operator can act on. A refused payload keeps what
 * could be read of it, so that {@code status} shows who tried what.
 *
 * <p>Every text is bounded, so that 50 recorded decisions stay well under Temporal's payload
 * warning size: a signal naming more than {@link #MAX_IDS} ids, or an id or request id longer than
 * {@link #MAX_TEXT} characters, is refused; a long reason is clipped.
 *
 * @param action {@code approve} or {@code reject}
 * @param ids discrepancy ids; empty means everything pending
 */
public record ApprovalPayload(
    String action,
    String approver,
    String reason,
    String requestId,
    List<String> ids,
    String refusal) {

  public static final int MAX_IDS = 50;
  public static final int MAX_TEXT = 64;
  public static final int MAX_REASON = 280;
  static final String NOT_AN_OBJECT = "payload must be a JSON object with \"approver\"";

  public ApprovalPayload {
    ids = ids == null ? List.of() : List.copyOf(ids);
  }

  /**
   * Validates a signal payload against the spec's approvers. Never throws: whatever arrives becomes
   * a valid payload or a refusal. Unknown fields are ignored. With {@code approvers} null only the
   * payload's shape is checked (the {@code decide} update's validator, which knows no spec).
   */
  public static ApprovalPayload parse(JsonNode payload, String action, List<String> approvers) {
    if (payload == null || !payload.isObject()) {
      return new ApprovalPayload(
          action, null, null, null, List.of(), NOT_AN_OBJECT + ", not " + kind(payload));
    }
    Field approver = text(payload, "approver", MAX_TEXT, true);
    Field reason = text(payload, "reason", MAX_REASON, true);
    Field requestId = text(payload, "requestId", MAX_TEXT, false);
    IdList ids = ids(payload.get("ids"));
    String refusal = firstNonNull(approver.error, reason.error, requestId.error, ids.error);
    if (refusal == null && approver.value == null) {
      refusal = NOT_AN_OBJECT;
    }
    if (refusal == null && approvers != null && !approvers.contains(approver.value)) {
      refusal = "approver '" + approver.value + "' is not in approvers " + approvers;
    }
    return new ApprovalPayload(
        action, approver.value, reason.value, requestId.value, ids.value, refusal);
  }

  /** A signal whose payload could not even be read as JSON, refused with {@code why}. */
  public static ApprovalPayload unreadable(String action, String why) {
    return new ApprovalPayload(action, null, null, null, List.of(), why);
  }

  /** This payload under the request id {@code id}, when the caller gave none. */
  public ApprovalPayload withRequestId(String id) {
    return new ApprovalPayload(action, approver, reason, id, ids, refusal);
  }

  public boolean valid() {
    return refusal == null;
  }

  /** This payload refused for {@code why}, e.g. when nothing is pending approval. */
  public ApprovalPayload refuse(String why) {
    return new ApprovalPayload(action, approver, reason, requestId, ids, why);
  }

  /** The decision to record: how many pending discrepancies it decided, and which ids were not. */
  public Decision toDecision(long applied, List<String> refusedIds, long atMillis) {
    return new Decision(
        action, requestId, approver, reason, ids, applied, refusal, refusedIds, atMillis);
  }

  private record Field(String value, String error) {}

  private record IdList(List<String> value, String error) {}

  /**
   * An optional string field. Over-long text is clipped when {@code clip} (a reason, or an approver
   * name that will be refused anyway) and refused otherwise (a request id must match exactly).
   */
  private static Field text(JsonNode payload, String name, int max, boolean clip) {
    JsonNode node = payload.get(name);
    if (node == null || node.isNull()) {
      return new Field(null, null);
    }
    // A numeric request id is what a script would send; accept any integer as its text.
    if (!node.isTextual() && !node.isIntegralNumber()) {
      return new Field(null, '"' + name + "\" must be a string, not " + kind(node));
    }
    String value = node.asText().strip();
    if (value.isEmpty()) {
      return new Field(null, '"' + name + "\" must not be blank");
    }
    if (value.length() > max) {
      return clip
          ? new Field(value.substring(0, max - 1) + "…", null)
          : new Field(null, '"' + name + "\" must be at most " + max + " characters");
    }
    return new Field(value, null);
  }

  private static IdList ids(JsonNode node) {
    if (node == null || node.isNull()) {
      return new IdList(List.of(), null);
    }
    String shape =
        "\"ids\" must be an array of non-blank strings of at most " + MAX_TEXT + " chars";
    if (!node.isArray()) {
      return new IdList(List.of(), shape + ", not " + kind(node));
    }
    if (node.size() > MAX_IDS) {
      return new IdList(
          List.of(),
          "\"ids\" names "
              + node.size()
              + " discrepancies, at most "
              + MAX_IDS
              + " per signal; send several signals, or none to decide everything pending");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode id : node) {
      String value = id.isTextual() ? id.asText().strip() : "";
      if (value.isEmpty() || value.length() > MAX_TEXT) {
        return new IdList(List.copyOf(ids), shape);
      }
      ids.add(value);
    }
    return new IdList(ids, null);
  }

  private static String kind(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
