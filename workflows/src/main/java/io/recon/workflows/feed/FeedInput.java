package io.recon.workflows.feed;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.failure.FailureType;
import io.recon.workflows.input.CycleInput;
import io.recon.workflows.input.RawJson;
import io.recon.workflows.input.StartInput;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;

/**
 * Reads a feed's start input: the flat start input of a cycle without {@code mode} (read by {@link
 * CycleInput}, so the same spec name, inline spec, version and settle rules apply), or, when the
 * feed continues as new, {@code {"feedState": FeedState}}.
 *
 * @param start the start, or null when resuming
 * @param resume the carried state, or null when starting
 */
public record FeedInput(StartInput start, FeedState resume) {

  /**
   * @throws ApplicationFailure of type BAD_REQUEST naming what is wrong
   */
  public static FeedInput parse(RawValue raw) {
    JsonNode node;
    try {
      node = RawJson.read(raw);
    } catch (RawJson.UnreadablePayload e) {
      throw badRequest("the feed's start input " + e.getMessage());
    }
    if (node != null && node.isObject() && node.hasNonNull("feedState")) {
      try {
        FeedState state = RawJson.MAPPER.treeToValue(node.get("feedState"), FeedState.class);
        if (state == null || state.spec() == null || state.status() == null) {
          throw badRequest("the feed's carried state is incomplete");
        }
        return new FeedInput(null, state);
      } catch (JacksonException | IllegalArgumentException e) {
        throw badRequest("the feed's carried state does not parse: " + e.getMessage());
      }
    }
    // The Java form of a cycle request (a spec whose settle is a number of seconds) names a mode
    // of its own; the flat input must not, since a feed runs key-set cycles only.
    if (node != null && node.isObject() && node.has("mode") && !javaForm(node.get("spec"))) {
      throw badRequest(
          "the feed's start input has a field 'mode': a feed runs key-set cycles only; remove it");
    }
    return new FeedInput(CycleInput.parse(raw), null);
  }

  private static boolean javaForm(JsonNode spec) {
    return spec != null && spec.isObject() && spec.has("settle") && spec.get("settle").isNumber();
  }

  /** The continue-as-new input carrying {@code state}. */
  public record Resume(FeedState feedState) {}

  private static ApplicationFailure badRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.BAD_REQUEST.name());
  }
}
