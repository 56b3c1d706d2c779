package io.recon.activities.feed.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import io.recon.activities.support.Failures;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;

/**
 * What a server's refusal of a change stream means. Decided by the error the server answered with,
 * never by the server's name: a replica set or sharded cluster opens the stream; a standalone
 * {@code mongod} (code 40573, which the embedded engine answers too), an engine without the {@code
 * $changeStream} stage, or a MongoDB-wire server that answers it with another error (the stock
 * mongo-java-server answers {@code -1 "Unknown error: null"}) cannot be followed, and the feed
 * relies on the scheduled full cycle there.
 */
final class ChangeStreamErrors {
  /** Server codes that say the resume token is no longer in the oplog. */
  static final Set<Integer> HISTORY_LOST =
      Set.of(
          286, // ChangeStreamHistoryLost
          280, // ChangeStreamFatalError (before 4.4: "resume of change stream was not possible")
          136 // CappedPositionLost
          );

  /** Server codes with a known reason why this server has no change streams. */
  private static final Map<Integer, String> KNOWN =
      Map.of(
          40573, "a standalone server; change streams need a replica set or a sharded cluster",
          40324, "the server does not know the $changeStream stage",
          40415, "the server rejects a $changeStream option (MongoDB 4.2 or newer is required)",
          59, "the server does not know the aggregate command",
          115, "the server does not support the command",
          238, "change streams are not implemented by this server");

  private ChangeStreamErrors() {}

  /**
   * Why a server that answered {@code error} to opening a change stream cannot be followed, or null
   * when the error says nothing about support (transient, unauthorized, history lost), in which
   * case the caller fails with {@link #failure}.
   */
  static String unsupportedReason(MongoException error, String namespace) {
    if (!(error instanceof MongoServerException server)
        || Failures.isTransient(error)
        || Failures.permanentType(error) != null
        || HISTORY_LOST.contains(server.getCode())) {
      return null;
    }
    String known = KNOWN.get(server.getCode());
    String said = oneLine(serverMessage(server));
    return "no change streams on "
        + namespace
        + ": "
        + (known != null
            ? known + " (server error " + server.getCode() + ")"
            : "server error " + server.getCode() + ": " + said);
  }

  /**
   * The failure an activity throws for {@code error} while opening or reading a change stream: a
   * lost position is permanent and says what to do; everything else as {@link Failures#classify}
   * decides (transient errors are retried, the driver has already resumed once on its own).
   */
  static RuntimeException failure(String namespace, MongoException error) {
    if (error instanceof MongoServerException server && HISTORY_LOST.contains(server.getCode())) {
      return historyLost(namespace, oneLine(serverMessage(server)));
    }
    return Failures.classify("reading the change stream of " + namespace, error);
  }

  static ApplicationFailure historyLost(String namespace, String serverSaid) {
    return Failures.permanent(
        FailureType.FEED_POSITION_LOST,
        "the change stream of "
            + namespace
            + " cannot resume: its resume token is no longer in the oplog ("
            + serverSaid
            + "), so target changes were missed; run a full cycle, then restart the feed without"
            + " its target position");
  }

  static ApplicationFailure invalidated(String namespace, String cause) {
    return Failures.permanent(
        FailureType.FEED_POSITION_LOST,
        "the change stream of "
            + namespace
            + " was invalidated"
            + (cause == null ? "" : " by a " + cause)
            + "; run a full cycle, then restart the feed");
  }

  private static String serverMessage(MongoServerException e) {
    if (e instanceof MongoCommandException c) {
      String errmsg = c.getErrorMessage();
      if (errmsg != null && !errmsg.isBlank()) {
        return errmsg;
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
