package io.recon.workflows.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.input.RawJson;
import io.temporal.common.converter.RawValue;

/**
 * Who asked to cancel a cycle and why, from the {@code cancel} signal that {@code recon cancel}
 * sends just before Temporal's cancel request (which itself carries no reason). Parsed leniently:
 * whatever arrives is kept as far as it can be read, so that a cancel never fails for its note.
 *
 * @param by who cancelled; {@link #UNKNOWN} when no signal named anyone
 * @param reason why, clipped to {@link #MAX_REASON} characters, or null
 */
public record CancelRequest(String by, String reason) {
  public static final String UNKNOWN = "unknown (a Temporal cancel request without recon cancel)";
  public static final int MAX_BY = 64;
  public static final int MAX_REASON = 280;

  /** A cancel request that no {@code cancel} signal described. */
  public static final CancelRequest ANONYMOUS = new CancelRequest(UNKNOWN, null);

  public CancelRequest {
    by = by == null || by.isBlank() ? UNKNOWN : clip(by.strip(), MAX_BY);
    reason = reason == null || reason.isBlank() ? null : clip(reason.strip(), MAX_REASON);
  }

  /**
   * The raw payload {@code {"by": "...", "reason": "..."}}; anything else, a payload that is not
   * JSON included, reads as anonymous.
   */
  public static CancelRequest parse(RawValue raw) {
    try {
      return parse(RawJson.read(raw));
    } catch (RawJson.UnreadablePayload e) {
      return ANONYMOUS;
    }
  }

  /** The payload {@code {"by": "...", "reason": "..."}}; anything else reads as anonymous. */
  public static CancelRequest parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return ANONYMOUS;
    }
    return new CancelRequest(text(payload.get("by")), text(payload.get("reason")));
  }

  /** The one line the store row and {@code status} show, e.g. "cancelled by alice: deploy". */
  public String describe() {
    return "cancelled by " + by + (reason == null ? "" : ": " + reason);
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.asText() : null;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
