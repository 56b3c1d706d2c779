package io.recon.activities.feed.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.ServerCursor;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;

/**
 * A change stream cursor that replays recorded server events, decoded from their extended JSON by
 * the driver's own codec, and keeps its resume token as the driver does: the last event's {@code
 * _id}, or the post-batch token of an empty {@code getMore}. Each empty {@code tryNext} advances
 * the clock by {@link MongoCapture#AWAIT}, as the server's await would; once the recording is
 * played out the stream stays quiet.
 */
final class RecordedStream implements MongoChangeStreamCursor<ChangeStreamDocument<Document>> {
  static final Codec<ChangeStreamDocument<Document>> CODEC =
      ChangeStreamDocument.createCodec(
          Document.class, MongoClientSettings.getDefaultCodecRegistry());

  private final Deque<Object> steps = new ArrayDeque<>();
  private final TestClock clock;
  private BsonDocument token;
  private boolean closed;
  int tryNexts;

  RecordedStream(TestClock clock) {
    this.clock = clock;
  }

  /** A recorded event, as the server sends it. */
  RecordedStream event(String json) {
    steps.add(CODEC.decode(new BsonDocumentReader(BsonDocument.parse(json)), ctx()));
    return this;
  }

  /** An empty getMore whose post-batch resume token is {@code data}. */
  RecordedStream quiet(String data) {
    steps.add(new BsonDocument("_data", new org.bson.BsonString(data)));
    return this;
  }

  /** The next tryNext fails with {@code error}. */
  RecordedStream fail(RuntimeException error) {
    steps.add(error);
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public ChangeStreamDocument<Document> tryNext() {
    if (closed) {
      throw new IllegalStateException("Cursor has been closed");
    }
    tryNexts++;
    Object step = steps.poll();
    if (step instanceof RuntimeException e) {
      throw e;
    }
    if (step instanceof ChangeStreamDocument<?> event) {
      clock.advance(Duration.ofMillis(1));
      token = event.getResumeToken();
      return (ChangeStreamDocument<Document>) event;
    }
    if (step instanceof BsonDocument postBatch) {
      token = postBatch;
    }
    clock.advance(MongoCapture.AWAIT);
    return null;
  }

  @Override
  public BsonDocument getResumeToken() {
    return token;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean hasNext() {
    return !steps.isEmpty();
  }

  @Override
  public ChangeStreamDocument<Document> next() {
    ChangeStreamDocument<Document> next = tryNext();
    if (next == null) {
      throw new NoSuchElementException();
    }
    return next;
  }

  @Override
  public int available() {
    return 0;
  }

  @Override
  public ServerCursor getServerCursor() {
    return null;
  }

  @Override
  public ServerAddress getServerAddress() {
    return new ServerAddress();
  }

  private static DecoderContext ctx() {
    return DecoderContext.builder().build();
  }

  /** A clock that moves only when told. */
  static final class TestClock extends Clock {
    private Instant now;
    final List<Instant> beats = new ArrayList<>();

    TestClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    Runnable heartbeat() {
      return () -> beats.add(now);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
