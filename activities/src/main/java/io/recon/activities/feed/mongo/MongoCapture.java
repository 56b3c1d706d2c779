package io.recon.activities.feed.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.spec.JobSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the target collection's change stream and marks each changed document's job key for
 * recheck. Only the keys travel: the stream is projected to the event's type, times and {@code
 * documentKey} (plus the key paths of the full document when {@code target.key} lies outside {@code
 * _id}). Needs MongoDB 4.2 or newer on a replica set or sharded cluster; {@link #unsupported} says,
 * before a feed starts, when the server cannot serve it.
 *
 * <p>One instance holds one open cursor and is used by one thread (the capture activity's).
 */
public final class MongoCapture implements Capture {
  private static final Logger LOG = LoggerFactory.getLogger(MongoCapture.class);

  /** How long the server holds one {@code getMore} open when nothing changes. */
  static final Duration AWAIT = Duration.ofMillis(400);

  /** Heartbeats are at most this far apart while the poll runs (plus one {@link #AWAIT}). */
  static final Duration HEARTBEAT = Duration.ofMillis(500);

  private static final JsonWriterSettings TOKEN_JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private final String feed;
  private final String namespace;
  private final EventKeys keys;
  private final MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;
  private final Clock clock;
  private BsonDocument stored;
  private boolean invalidated;

  MongoCapture(
      String feed,
      String namespace,
      EventKeys keys,
      MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor,
      BsonDocument resumedFrom,
      Clock clock) {
    this.feed = feed;
    this.namespace = namespace;
    this.keys = keys;
    this.cursor = cursor;
    this.stored = resumedFrom;
    this.clock = clock;
  }

  /**
   * Null if the server serves change streams on the job's target collection; otherwise why not, in
   * one line, for {@code recon feed status}. It opens a change stream and reads from it once, so
   * the answer is the server's own, never a guess from its name or version.
   *
   * @throws io.temporal.failure.ApplicationFailure when the attempt fails for another reason (the
   *     server unreachable: retryable; the user lacks the privilege: {@code UNAUTHORIZED})
   */
  public static String unsupported(MongoClient client, JobSpec spec) {
    MongoCollection<Document> collection = collection(client, spec);
    String namespace = namespace(spec);
    EventKeys keys = keys(collection, spec, null);
    try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> probe =
        watch(collection, keys, null).maxAwaitTime(10, TimeUnit.MILLISECONDS).cursor()) {
      probe.tryNext();
      return null;
    } catch (MongoException e) {
      String reason = ChangeStreamErrors.unsupportedReason(e, namespace);
      if (reason != null) {
        return reason;
      }
      throw ChangeStreamErrors.failure(namespace, e);
    }
  }

  /**
   * Opens the target's change stream after {@code resumeToken} (null: from now), taking each key
   * part's type from its BSON value. Prefer {@link #open(MongoClient, JobSpec, List, String)} with
   * the source probe's key types when a UUID key is stored as text.
   */
  public static MongoCapture open(MongoClient client, JobSpec spec, String resumeToken) {
    return open(client, spec, null, resumeToken);
  }

  /**
   * Opens the target's change stream after {@code resumeToken} (null: from now). The token is given
   * as {@code startAfter}, which also starts after an invalidate event's token.
   *
   * @param keyTypes the key parts' types ({@code SourceProbe.keyTypes}), or null to take them from
   *     the values
   * @throws io.temporal.failure.ApplicationFailure {@code FEED_POSITION_LOST} when the token is no
   *     longer in the oplog; {@code BAD_REQUEST} for a token that is not one; else as {@code
   *     Failures.classify} decides
   */
  public static MongoCapture open(
      MongoClient client, JobSpec spec, List<KeyType> keyTypes, String resumeToken) {
    MongoCollection<Document> collection = collection(client, spec);
    String namespace = namespace(spec);
    EventKeys keys = keys(collection, spec, keyTypes);
    BsonDocument token = ResumeTokens.parse(namespace, resumeToken);
    try {
      return new MongoCapture(
          spec.name(),
          namespace,
          keys,
          watch(collection, keys, token)
              .maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS)
              .cursor(),
          token,
          Clock.systemUTC());
    } catch (MongoException e) {
      throw ChangeStreamErrors.failure(namespace, e);
    }
  }

  /**
   * Reads change events until {@code maxWait} has passed or {@code maxKeys} keys were read, then
   * stores the keys with the resume token after the last event read through {@link KeySink#store},
   * in one call, before returning: the stored token never runs ahead of the stored keys. A token
   * that moved without events (the server's post-batch token on a quiet collection) is stored too,
   * so a quiet feed's position stays inside the oplog. Calls {@code heartbeat} at least once a
   * second.
   *
   * <p>Inserts, updates, replaces and deletes mark their document's key with the event's time
   * ({@code wallTime} where the server gives it, else {@code clusterTime}, to the second). A key
   * that cannot be decoded is counted in {@link CaptureResult#undecodable()} and logged; the poll
   * goes on. Running it again after a failure re-reads from the last stored token, which adds only
   * keys that are already waiting.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code FEED_POSITION_LOST} when the stream was
   *     invalidated (the collection dropped or renamed) or its history lost, after storing what was
   *     read before; a retryable failure for a transient error
   */
  @Override
  public CaptureResult poll(Duration maxWait, int maxKeys, KeySink sink, Runnable heartbeat) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be >= 1, not " + maxKeys);
    }
    if (invalidated) {
      throw ChangeStreamErrors.invalidated(namespace, null);
    }
    long deadline = clock.millis() + maxWait.toMillis();
    long lastBeat = clock.millis();
    heartbeat.run();
    List<ChangedKey> changed = new ArrayList<>();
    long changes = 0;
    long undecodable = 0;
    Instant newest = null;
    String cause = null;
    try {
      while (changed.size() < maxKeys) {
        ChangeStreamDocument<Document> event = cursor.tryNext();
        long now = clock.millis();
        if (now - lastBeat >= HEARTBEAT.toMillis()) {
          heartbeat.run();
          lastBeat = now;
        }
        if (event != null) {
          changes++;
          Instant at = changedAt(event);
          newest = newest == null || at.isAfter(newest) ? at : newest;
          switch (event.getOperationType()) {
            case INSERT, UPDATE, REPLACE, DELETE -> {
              try {
                changed.add(new ChangedKey(keys.of(event), ChangeOrigin.TARGET, at));
              } catch (InvalidKeyException e) {
                undecodable++;
                LOG.warn(
                    "feed {}: a {} on {} has no job key ({}); documentKey {}",
                    feed,
                    event.getOperationTypeString(),
                    namespace,
                    e.getMessage(),
                    cut(event.getDocumentKey()));
              }
            }
            // A drop or rename of the collection (or its database) is followed by an invalidate.
            case DROP, RENAME, DROP_DATABASE -> cause = event.getOperationTypeString();
            case INVALIDATE -> {
              invalidated = true;
              store(sink, changed, event.getResumeToken());
              throw ChangeStreamErrors.invalidated(namespace, cause);
            }
            case OTHER -> {
              // Events this stream does not ask for (such as DDL with showExpandedEvents): their
              // token still moves the position on.
            }
          }
        }
        if (now >= deadline) {
          break;
        }
      }
    } catch (MongoException e) {
      // What was read before the error is stored with its token, so no retry reads it twice.
      store(sink, changed, lastToken());
      throw ChangeStreamErrors.failure(namespace, e);
    }
    int keyCount = changed.size();
    store(sink, changed, lastToken());
    long lagMillis = newest == null ? -1 : Math.max(0, clock.millis() - newest.toEpochMilli());
    return new CaptureResult(
        changes, keyCount, tokenText(stored), -1, lagMillis, -1, null, 0, undecodable);
  }

  private BsonDocument lastToken() {
    try {
      return cursor.getResumeToken();
    } catch (IllegalStateException e) {
      // A cursor the server closed has no token to give; the last stored one still stands.
      return stored;
    }
  }

  private void store(KeySink sink, List<ChangedKey> changed, BsonDocument token) {
    BsonDocument at = token != null ? token : stored;
    if (changed.isEmpty() && (at == null || at.equals(stored))) {
      return;
    }
    sink.store(feed, ChangeOrigin.TARGET, List.copyOf(changed), tokenText(at));
    stored = at;
    changed.clear();
  }

  private Instant changedAt(ChangeStreamDocument<Document> event) {
    if (event.getWallTime() != null) {
      return Instant.ofEpochMilli(event.getWallTime().getValue());
    }
    if (event.getClusterTime() != null) {
      return Instant.ofEpochSecond(event.getClusterTime().getTime());
    }
    return clock.instant();
  }

  @Override
  public void close() {
    cursor.close();
  }

  static String tokenText(BsonDocument token) {
    return token == null ? null : token.toJson(TOKEN_JSON);
  }

  private static String cut(BsonDocument doc) {
    String json = doc == null ? "null" : doc.toJson();
    return json.length() > 200 ? json.substring(0, 200) + "..." : json;
  }

  private static MongoCollection<Document> collection(MongoClient client, JobSpec spec) {
    return client.getDatabase(spec.target().database()).getCollection(spec.target().collection());
  }

  private static String namespace(JobSpec spec) {
    return spec.target().database() + "." + spec.target().collection();
  }

  private static EventKeys keys(
      MongoCollection<Document> collection, JobSpec spec, List<KeyType> types) {
    return new EventKeys(
        spec.target().key(), types, collection.getCodecRegistry().get(Document.class));
  }

  /**
   * The one stage added to the change stream: a projection to the event's type, times, namespace
   * and {@code documentKey}, plus the key paths of the full document for a key outside {@code _id}.
   * It keeps {@code _id}, the resume token, which MongoDB requires unchanged.
   */
  static List<Bson> pipeline(EventKeys keys) {
    List<String> fields =
        new ArrayList<>(
            List.of("operationType", "documentKey", "clusterTime", "wallTime", "ns", "to"));
    keys.paths().stream()
        .filter(p -> !p.equals("_id") && !p.startsWith("_id."))
        .forEach(p -> fields.add("fullDocument." + p));
    return List.of(Aggregates.project(Projections.include(fields)));
  }

  /**
   * The stream of the events that carry keys, projected to what a key needs: MongoDB accepts {@code
   * $project} in a change stream as long as {@code _id} (the resume token) is kept.
   */
  private static com.mongodb.client.ChangeStreamIterable<Document> watch(
      MongoCollection<Document> collection, EventKeys keys, BsonDocument token) {
    var stream = collection.watch(pipeline(keys));
    if (!keys.insideId()) {
      stream = stream.fullDocument(FullDocument.UPDATE_LOOKUP);
    }
    return token == null ? stream : stream.startAfter(token);
  }
}
