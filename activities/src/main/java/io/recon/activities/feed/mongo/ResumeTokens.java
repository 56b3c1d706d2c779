package io.recon.activities.feed.mongo;

import io.recon.activities.support.Failures;
import io.recon.workflows.failure.FailureType;
import org.bson.BsonDocument;
import org.bson.json.JsonParseException;

/** A change stream's resume token as the text the store keeps: its extended JSON. */
final class ResumeTokens {
  private ResumeTokens() {}

  /**
   * The token of {@code text}, or null for none.
   *
   * @throws io.temporal.failure.ApplicationFailure BAD_REQUEST when the text is no token
   */
  static BsonDocument parse(String namespace, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      BsonDocument token = BsonDocument.parse(text);
      if (!token.containsKey("_data")) {
        throw new JsonParseException("no _data field");
      }
      return token;
    } catch (JsonParseException | IllegalArgumentException e) {
      String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
      throw Failures.permanent(
          FailureType.BAD_REQUEST,
          "the stored resume token of "
              + namespace
              + " is not a change stream token ("
              + e.getMessage()
              + "): "
              + shown.replaceAll("\\p{Cntrl}", "?"));
    }
  }
}
