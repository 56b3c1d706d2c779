package io.recon.activities.feed.pg;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the binary messages of PostgreSQL's built-in {@code pgoutput} plugin, protocol version 1
 * (PostgreSQL 10 and later), in text mode: Begin, Commit, Relation, Insert, Update, Delete and
 * Truncate; Origin, Type and logical messages are recognised and skipped. Anything else, or a
 * message cut short, is a {@link PgOutputException} naming the message type and the offset.
 */
final class PgOutput {
  /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in microseconds since the Unix epoch. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private PgOutput() {}

  static PgMessage decode(ByteBuffer buffer) {
    ByteBuffer b = buffer.slice();
    if (!b.hasRemaining()) {
      throw new PgOutputException("an empty pgoutput message");
    }
    char type = (char) b.get();
    try {
      PgMessage m =
          switch (type) {
            case 'B' -> new PgMessage.Begin(b.getLong(), time(b.getLong()), b.getInt());
            case 'C' -> commit(b);
            case 'R' -> relation(b);
            case 'I' -> insert(b);
            case 'U' -> update(b);
            case 'D' -> delete(b);
            case 'T' -> truncate(b);
            case 'O', 'Y', 'M' -> new PgMessage.Ignored(type);
            default ->
                throw new PgOutputException(
                    "unsupported pgoutput message type '"
                        + type
                        + "' (protocol version 1 was asked for)");
          };
      return m;
    } catch (BufferUnderflowException e) {
      throw new PgOutputException(
          "pgoutput message '" + type + "' ends early at byte " + b.position());
    }
  }

  /** A PostgreSQL timestamp (microseconds since 2000-01-01 UTC) as an instant. */
  static Instant time(long pgMicros) {
    long micros = pgMicros + PG_EPOCH_MICROS;
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static PgMessage.Commit commit(ByteBuffer b) {
    b.get(); // flags, unused in version 1
    return new PgMessage.Commit(b.getLong(), b.getLong(), time(b.getLong()));
  }

  private static PgMessage.Relation relation(ByteBuffer b) {
    int oid = b.getInt();
    String namespace = string(b);
    String name = string(b);
    char identity = (char) b.get();
    int n = b.getShort() & 0xFFFF;
    var columns = new ArrayList<PgMessage.Column>(n);
    for (int i = 0; i < n; i++) {
      boolean key = (b.get() & 1) != 0;
      columns.add(new PgMessage.Column(key, string(b), b.getInt(), b.getInt()));
    }
    // An empty namespace is pg_catalog's, as the protocol documents.
    return new PgMessage.Relation(
        oid, namespace.isEmpty() ? "pg_catalog" : namespace, name, identity, columns);
  }

  private static PgMessage.Insert insert(ByteBuffer b) {
    int relation = b.getInt();
    expect(b, 'N', 'I');
    return new PgMessage.Insert(relation, tuple(b));
  }

  private static PgMessage.Update update(ByteBuffer b) {
    int relation = b.getInt();
    char next = (char) b.get();
    Tuple old = null;
    if (next == 'K' || next == 'O') {
      old = tuple(b);
      next = (char) b.get();
    }
    if (next != 'N') {
      throw new PgOutputException("pgoutput update: expected 'N', found '" + next + "'");
    }
    return new PgMessage.Update(relation, old, tuple(b));
  }

  private static PgMessage.Delete delete(ByteBuffer b) {
    int relation = b.getInt();
    char kind = (char) b.get();
    if (kind != 'K' && kind != 'O') {
      throw new PgOutputException("pgoutput delete: expected 'K' or 'O', found '" + kind + "'");
    }
    return new PgMessage.Delete(relation, tuple(b));
  }

  private static PgMessage.Truncate truncate(ByteBuffer b) {
    int n = b.getInt();
    int options = b.get();
    var relations = new ArrayList<Integer>(n);
    for (int i = 0; i < n; i++) {
      relations.add(b.getInt());
    }
    return new PgMessage.Truncate(relations, (options & 1) != 0, (options & 2) != 0);
  }

  private static Tuple tuple(ByteBuffer b) {
    int n = b.getShort() & 0xFFFF;
    List<String> values = new ArrayList<>(n);
    List<Boolean> unchanged = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      char kind = (char) b.get();
      switch (kind) {
        case 'n' -> {
          values.add(null);
          unchanged.add(false);
        }
        case 'u' -> {
          values.add(null);
          unchanged.add(true);
        }
        case 't' -> {
          byte[] bytes = new byte[b.getInt()];
          b.get(bytes);
          values.add(new String(bytes, StandardCharsets.UTF_8));
          unchanged.add(false);
        }
        default ->
            throw new PgOutputException(
                "pgoutput tuple: column "
                    + i
                    + " has kind '"
                    + kind
                    + "'; only text was asked for");
      }
    }
    return new Tuple(values, unchanged);
  }

  private static void expect(ByteBuffer b, char wanted, char message) {
    char found = (char) b.get();
    if (found != wanted) {
      throw new PgOutputException(
          "pgoutput '" + message + "': expected '" + wanted + "', found '" + found + "'");
    }
  }

  private static String string(ByteBuffer b) {
    int start = b.position();
    while (b.get() != 0) {
      // Scans to the terminating NUL; get() throws BufferUnderflowException if there is none.
    }
    byte[] bytes = new byte[b.position() - start - 1];
    b.get(start, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
