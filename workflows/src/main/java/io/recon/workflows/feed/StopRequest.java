package io.recon.workflows.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.input.RawJson;
import io.temporal.common.converter.RawValue;

/**
 * The {@code stop} signal's payload, {@code {"by": "alice", "reason": "...", "dropSlot": false}},
 * read leniently and validated here so that a malformed stop is visible in {@code status} instead
 * of dropped by the SDK.
 *
 * @param refusal null when valid; otherwise why the signal was refused
 */
public record StopRequest(String by, String reason, boolean dropSlot, String refusal) {
  public static final int MAX_BY = 64;
  public static final int MAX_REASON = 280;

  public static StopRequest parse(RawValue raw) {
    JsonNode node;
    try {
      node = RawJson.read(raw);
    } catch (RawJson.UnreadablePayload e) {
      return refused("stop refused: the payload " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      return refused("stop refused: the payload must be a JSON object with \"by\"");
    }
    JsonNode by = node.get("by");
    if (by == null || !by.isTextual() || by.asText().isBlank()) {
      return refused("stop refused: \"by\" (who stops the feed) is required");
    }
    JsonNode reason = node.get("reason");
    if (reason != null && !reason.isNull() && !reason.isTextual()) {
      return refused("stop refused: \"reason\" must be text");
    }
    JsonNode drop = node.get("dropSlot");
    if (drop != null && !drop.isNull() && !drop.isBoolean()) {
      return refused("stop refused: \"dropSlot\" must be true or false");
    }
    String why =
        reason == null || reason.isNull() || reason.asText().isBlank() ? null : reason.asText();
    return new StopRequest(
        clip(by.asText().strip(), MAX_BY),
        why == null ? null : clip(why.strip(), MAX_REASON),
        drop != null && drop.asBoolean(),
        null);
  }

  private static StopRequest refused(String why) {
    return new StopRequest(null, null, false, why);
  }

  public boolean valid() {
    return refusal == null;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
