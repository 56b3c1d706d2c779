package io.recon.activities.feed.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The change-stream path against the driver's own types: recorded events as a replica set sends
 * them (after the capture's projection), decoded by the driver's codec, played by a cursor that
 * keeps its resume token as the driver does.
 */
class MongoCaptureTest {
  private static final Instant T0 = Instant.parse("2026-12-01T15:00:00Z");
  private static final String NS = "shop.orders";

  private final RecordedStream.TestClock clock = new RecordedStream.TestClock(T0);
  private final RecordedStream stream = new RecordedStream(clock);
  private final Sink sink = new Sink();

  /** One recorded event; {@code wall} null leaves only the clusterTime, as before MongoDB 6.0. */
  private static String event(String op, String token, String documentKey, String wall) {
    return "{\"_id\": {\"_data\": \""
        + token
        + "\"}, \"operationType\": \""
        + op
        + "\", \"clusterTime\": {\"$timestamp\": {\"t\": "
        + T0.getEpochSecond()
        + ", \"i\": 1}}"
        + (wall == null ? "" : ", \"wallTime\": {\"$date\": \"" + wall + "\"}")
        + ", \"ns\": {\"db\": \"shop\", \"coll\": \"orders\"}"
        + (documentKey == null ? "" : ", \"documentKey\": " + documentKey)
        + "}";
  }

  private static String withFullDocument(String event, String fullDocument) {
    return event.substring(0, event.length() - 1) + ", \"fullDocument\": " + fullDocument + "}";
  }

  private MongoCapture capture(List<String> keyPaths, List<KeyType> types) {
    return new MongoCapture(
        "orders",
        NS,
        new EventKeys(
            keyPaths, types, MongoClientSettings.getDefaultCodecRegistry().get(Document.class)),
        stream,
        null,
        clock);
  }

  private MongoCapture capture() {
    return capture(List.of("_id"), List.of(KeyType.INTEGER));
  }

  private CaptureResult poll(MongoCapture c, int maxKeys) {
    return c.poll(Duration.ofSeconds(2), maxKeys, sink, clock.heartbeat());
  }

  @Test
  void insertUpdateReplaceAndDeleteMarkTheirKeysWithTheEventTime() {
    stream
        .event(event("insert", "A1", "{\"_id\": 1}", "2026-12-01T14:59:58.250Z"))
        .event(event("update", "A2", "{\"_id\": {\"$numberLong\": \"2\"}}", null))
        .event(event("replace", "A3", "{\"_id\": 3.0}", "2026-12-01T14:59:59Z"))
        .event(event("delete", "A4", "{\"_id\": 4}", "2026-12-01T14:59:59.500Z"));
    CaptureResult r = poll(capture(), 100);

    assertEquals(1, sink.calls.size(), "one store for the poll: " + sink.calls);
    Sink.Call call = sink.calls.get(0);
    assertEquals("orders", call.feed);
    assertEquals(ChangeOrigin.TARGET, call.origin);
    assertEquals(
        List.of(RecordKey.of(1L), RecordKey.of(2L), RecordKey.of(3L), RecordKey.of(4L)),
        call.keys.stream().map(ChangedKey::key).toList());
    assertTrue(call.keys.stream().allMatch(k -> k.origin() == ChangeOrigin.TARGET));
    assertEquals(
        List.of(
            Instant.parse("2026-12-01T14:59:58.250Z"),
            T0, // no wallTime: the clusterTime, to the second
            Instant.parse("2026-12-01T14:59:59Z"),
            Instant.parse("2026-12-01T14:59:59.500Z")),
        call.keys.stream().map(ChangedKey::changedAt).toList());
    assertEquals("{\"_data\": \"A4\"}", call.cursor);
    assertEquals(
        new CaptureResult(4, 4, "{\"_data\": \"A4\"}", -1, r.lagMillis(), -1, null, 0, 0), r);
    assertTrue(r.lagMillis() >= 0, "lag " + r.lagMillis());
  }

  @Test
  void aQuietStreamStoresItsMovedTokenWithoutKeysAndNothingWhenItDidNotMove() {
    stream.quiet("B1");
    MongoCapture c = capture();
    CaptureResult first = poll(c, 100);
    assertEquals(1, sink.calls.size());
    assertEquals(List.of(), sink.calls.get(0).keys);
    assertEquals("{\"_data\": \"B1\"}", sink.calls.get(0).cursor);
    assertEquals(0, first.changes());
    assertEquals(-1, first.lagMillis());

    CaptureResult second = poll(c, 100);
    assertEquals(1, sink.calls.size(), "an unchanged token is not stored again");
    assertEquals("{\"_data\": \"B1\"}", second.cursor());
  }

  @Test
  void maxKeysEndsThePollAtTheTokenOfTheLastEventReadAndTheNextPollGoesOn() {
    stream
        .event(event("insert", "C1", "{\"_id\": 1}", null))
        .event(event("insert", "C2", "{\"_id\": 2}", null))
        .event(event("insert", "C3", "{\"_id\": 3}", null));
    MongoCapture c = capture();
    CaptureResult first = poll(c, 2);
    assertEquals(2, first.keys());
    assertEquals("{\"_data\": \"C2\"}", sink.calls.get(0).cursor);
    assertEquals(2, stream.tryNexts, "stopped after two events, no read beyond");

    poll(c, 2);
    assertEquals(
        List.of(RecordKey.of(3L)), sink.calls.get(1).keys.stream().map(k -> k.key()).toList());
    assertEquals("{\"_data\": \"C3\"}", sink.calls.get(1).cursor);
  }

  @Test
  void theStoredTokenResumesTheStreamAfterItsEvent() {
    stream.event(event("insert", "8263A1B2C3000000012B0229296E04", "{\"_id\": 1}", null));
    String stored = poll(capture(), 10).cursor();
    // What open() hands to startAfter, from the text the store kept.
    BsonDocument token = ResumeTokens.parse(NS, stored);
    assertEquals(BsonDocument.parse("{\"_data\": \"8263A1B2C3000000012B0229296E04\"}"), token);

    RecordedStream.TestClock later = new RecordedStream.TestClock(T0);
    RecordedStream resumed = new RecordedStream(later);
    MongoCapture again =
        new MongoCapture(
            "orders",
            NS,
            new EventKeys(
                List.of("_id"),
                List.of(KeyType.INTEGER),
                MongoClientSettings.getDefaultCodecRegistry().get(Document.class)),
            resumed,
            token,
            later);
    CaptureResult quiet = again.poll(Duration.ofSeconds(1), 10, sink, later.heartbeat());
    assertEquals(1, sink.calls.size(), "resuming with nothing new stores nothing");
    assertEquals(stored, quiet.cursor(), "the position resumed from is reported");
  }

  @Test
  void aTokenThatIsNoTokenIsABadRequestNamingTheCollection() {
    ApplicationFailure f =
        assertThrows(ApplicationFailure.class, () -> ResumeTokens.parse(NS, "0/16B3748"));
    assertEquals("BAD_REQUEST", f.getType());
    assertTrue(f.getOriginalMessage().contains("shop.orders"), f.getOriginalMessage());
    assertNull(ResumeTokens.parse(NS, null));
  }

  @Test
  void anInvalidateStoresWhatCameBeforeWithItsTokenAndFailsForGood() {
    stream
        .event(event("update", "D1", "{\"_id\": 7}", null))
        .event(event("drop", "D2", null, null))
        .event(event("invalidate", "D3", null, null));
    MongoCapture c = capture();
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> poll(c, 100));
    assertEquals("FEED_POSITION_LOST", f.getType());
    assertTrue(f.isNonRetryable());
    assertEquals(
        "the change stream of shop.orders was invalidated by a drop; run a full cycle, then"
            + " restart the feed",
        f.getOriginalMessage());
    assertEquals(1, sink.calls.size());
    assertEquals(
        List.of(RecordKey.of(7L)), sink.calls.get(0).keys.stream().map(k -> k.key()).toList());
    // startAfter accepts an invalidate's token, so a restarted feed begins after it.
    assertEquals("{\"_data\": \"D3\"}", sink.calls.get(0).cursor);

    int reads = stream.tryNexts;
    assertThrows(ApplicationFailure.class, () -> poll(c, 100));
    assertEquals(reads, stream.tryNexts, "an invalidated stream is not read again");
  }

  @Test
  void historyLostStoresWhatWasReadAndSaysToRunAFullCycle() {
    stream
        .event(event("insert", "E1", "{\"_id\": 1}", null))
        .fail(
            serverError(
                286,
                "ChangeStreamHistoryLost",
                "Resume of change stream was not possible, as the resume point may no longer be in"
                    + " the oplog."));
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> poll(capture(), 100));
    assertEquals("FEED_POSITION_LOST", f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().startsWith("the change stream of shop.orders cannot resume"));
    assertTrue(f.getOriginalMessage().contains("run a full cycle"), f.getOriginalMessage());
    assertFalse(f.getOriginalMessage().contains("\n"));
    assertEquals("{\"_data\": \"E1\"}", sink.calls.get(0).cursor);
  }

  @Test
  void aLostConnectionIsRetryableAndKeepsWhatWasRead() {
    stream
        .event(event("insert", "F1", "{\"_id\": 1}", null))
        .fail(
            new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress()));
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> poll(capture(), 100));
    assertFalse(f.isNonRetryable(), f.toString());
    assertEquals(1, sink.calls.size());
  }

  @Test
  void compoundKeysInsideIdAndOutsideItAreReadFromTheEvent() {
    stream
        .event(event("update", "G1", "{\"_id\": {\"tenant\": \"acme\", \"n\": 7}}", null))
        .event(
            event(
                "delete",
                "G2",
                "{\"_id\": {\"n\": {\"$numberLong\": \"8\"}, \"tenant\": \"zeta\"}}",
                null));
    CaptureResult r =
        poll(capture(List.of("_id.tenant", "_id.n"), List.of(KeyType.TEXT, KeyType.INTEGER)), 10);
    assertEquals(
        List.of(RecordKey.of("acme", 7L), RecordKey.of("zeta", 8L)),
        sink.calls.get(0).keys.stream().map(k -> k.key()).toList());
    assertEquals(0, r.undecodable());
  }

  @Test
  void aKeyOutsideIdComesFromTheShardKeyOrTheFullDocumentAndADeleteWithoutItIsCounted() {
    UUID u = UUID.fromString("0b5b3c1e-8f6a-4f7e-9d3a-2b1c0d9e8f7a");
    String withShardKey =
        event(
            "delete",
            "H1",
            "{\"_id\": {\"$oid\": \"65a1b2c3d4e5f60718293a4b\"}, \"ref\": \"" + u + "\"}",
            null);
    String insert =
        withFullDocument(
            event("insert", "H2", "{\"_id\": {\"$oid\": \"65a1b2c3d4e5f60718293a4c\"}}", null),
            "{\"ref\": {\"$binary\": {\"base64\": \"C1s8Ho9qT36dOiscDZ6Peg==\", \"subType\": \"04\"}}}");
    String deleteWithout =
        event("delete", "H3", "{\"_id\": {\"$oid\": \"65a1b2c3d4e5f60718293a4d\"}}", null);
    stream.event(withShardKey).event(insert).event(deleteWithout);
    CaptureResult r = poll(capture(List.of("ref"), List.of(KeyType.UUID)), 10);
    assertEquals(
        List.of(RecordKey.of(u), RecordKey.of(u)),
        sink.calls.get(0).keys.stream().map(k -> k.key()).toList());
    assertEquals(3, r.changes());
    assertEquals(1, r.undecodable());
    assertEquals("{\"_data\": \"H3\"}", r.cursor(), "the undecodable event is passed, not retried");
  }

  @Test
  void idsOfTypesNoKeyCanHaveAreCountedAndThePollGoesOn() {
    stream
        .event(event("insert", "K1", "{\"_id\": {\"$oid\": \"65a1b2c3d4e5f60718293a4b\"}}", null))
        .event(event("insert", "K2", "{\"_id\": 1.5}", null))
        .event(event("insert", "K3", "{\"_id\": null}", null))
        .event(event("update", "K4", "{\"_id\": \"12\"}", null))
        .event(event("insert", "K5", "{}", null))
        .event(event("insert", "K6", "{\"_id\": 6}", null));
    CaptureResult r = poll(capture(), 100);
    assertEquals(6, r.changes());
    assertEquals(5, r.undecodable());
    assertEquals(1, r.keys());
    assertEquals(
        List.of(RecordKey.of(6L)), sink.calls.get(0).keys.stream().map(k -> k.key()).toList());
    assertEquals("{\"_data\": \"K6\"}", sink.calls.get(0).cursor);
  }

  @Test
  void withoutKeyTypesEachPartTakesTheTypeOfItsValue() {
    stream
        .event(event("insert", "L1", "{\"_id\": 5}", null))
        .event(event("insert", "L2", "{\"_id\": \"abc\"}", null))
        .event(
            event(
                "insert",
                "L3",
                "{\"_id\": {\"$binary\": {\"base64\": \"C1s8Ho9qT36dOiscDZ6Peg==\", \"subType\": \"04\"}}}",
                null));
    poll(capture(List.of("_id"), null), 10);
    assertEquals(
        List.of(
            RecordKey.of(5L),
            RecordKey.of("abc"),
            RecordKey.of(UUID.fromString("0b5b3c1e-8f6a-4f7e-9d3a-2b1c0d9e8f7a"))),
        sink.calls.get(0).keys.stream().map(k -> k.key()).toList());
  }

  @Test
  void aLongQuietPollHeartbeatsAtLeastOnceASecondAndEndsAtItsDeadline() {
    MongoCapture c = capture();
    CaptureResult r = c.poll(Duration.ofSeconds(10), 100, sink, clock.heartbeat());
    assertEquals(0, r.changes());
    assertTrue(clock.beats.size() >= 10, "beats " + clock.beats);
    Instant previous = T0;
    for (Instant beat : clock.beats) {
      assertTrue(Duration.between(previous, beat).toMillis() <= 1000, "gap before " + beat);
      previous = beat;
    }
    assertTrue(Duration.between(previous, clock.instant()).toMillis() <= 1000);
    assertTrue(
        !clock.instant().isBefore(T0.plusSeconds(10))
            && clock.instant().isBefore(T0.plusSeconds(11)),
        "ended at " + clock.instant());
  }

  @Test
  void theStreamIsProjectedToWhatAKeyNeedsKeepingTheResumeToken() {
    var codec = MongoClientSettings.getDefaultCodecRegistry();
    String byId =
        MongoCapture.pipeline(new EventKeys(List.of("_id.tenant", "_id.n"), null, null))
            .get(0)
            .toBsonDocument(BsonDocument.class, codec)
            .toJson();
    assertEquals(
        "{\"$project\": {\"operationType\": 1, \"documentKey\": 1, \"clusterTime\": 1,"
            + " \"wallTime\": 1, \"ns\": 1, \"to\": 1}}",
        byId);
    String byField =
        MongoCapture.pipeline(new EventKeys(List.of("tenant", "_id"), null, null))
            .get(0)
            .toBsonDocument(BsonDocument.class, codec)
            .toJson();
    assertTrue(byField.contains("\"fullDocument.tenant\": 1"), byField);
    assertFalse(byField.contains("\"_id\": 0"), "the resume token stays: " + byField);
  }

  @Test
  void serverErrorsSayWhetherTheServerHasChangeStreams() {
    assertEquals(
        "no change streams on shop.orders: a standalone server; change streams need a replica set"
            + " or a sharded cluster (server error 40573)",
        ChangeStreamErrors.unsupportedReason(
            serverError(
                40573,
                "Location40573",
                "The $changeStream stage is only supported on replica sets"),
            NS));
    // mongo-java-server's answer to $changeStream without an oplog.
    assertEquals(
        "no change streams on shop.orders: server error -1: Unknown error: null",
        ChangeStreamErrors.unsupportedReason(serverError(-1, null, "Unknown error: null"), NS));
    assertNull(
        ChangeStreamErrors.unsupportedReason(
            serverError(13, "Unauthorized", "not authorized"), NS));
    assertNull(
        ChangeStreamErrors.unsupportedReason(
            serverError(286, "ChangeStreamHistoryLost", "gone"), NS));
    assertNull(
        ChangeStreamErrors.unsupportedReason(
            serverError(91, "ShutdownInProgress", "shutting down"), NS));
    assertEquals(
        "UNAUTHORIZED",
        ((ApplicationFailure)
                ChangeStreamErrors.failure(NS, serverError(13, "Unauthorized", "not authorized")))
            .getType());
  }

  static MongoCommandException serverError(int code, String codeName, String message) {
    BsonDocument response =
        BsonDocument.parse(
            "{\"ok\": 0, \"errmsg\": \""
                + message
                + "\", \"code\": "
                + code
                + (codeName == null ? "" : ", \"codeName\": \"" + codeName + "\"")
                + "}");
    return new MongoCommandException(response, new ServerAddress());
  }

  /** Records every store call. */
  static final class Sink implements KeySink {
    record Call(String feed, ChangeOrigin origin, List<ChangedKey> keys, String cursor) {}

    final List<Call> calls = new ArrayList<>();

    @Override
    public void store(String feed, ChangeOrigin origin, List<ChangedKey> keys, String cursor) {
      calls.add(new Call(feed, origin, List.copyOf(keys), cursor));
    }

    @Override
    public String cursor(String feed, ChangeOrigin origin) {
      return calls.isEmpty() ? null : calls.get(calls.size() - 1).cursor;
    }
  }
}
