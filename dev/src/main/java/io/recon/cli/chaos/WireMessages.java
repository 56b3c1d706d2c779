package io.recon.cli.chaos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * The little of the MongoDB wire protocol the chaos proxy reads: OP_MSG (opcode 2013) write
 * commands and their replies. A message is a 16-byte header (length, request id, response-to,
 * opcode), flag bits, then sections: kind 0 is the command document, kind 1 a named sequence of
 * documents ({@code documents}, {@code updates}, {@code deletes}), which drivers use for the
 * statements of a bulk write. Everything else (handshakes, queries, other opcodes) is forwarded
 * unread.
 */
final class WireMessages {
  static final int HEADER = 16;
  static final int OP_MSG = 2013;
  private static final int CHECKSUM_PRESENT = 1;

  private WireMessages() {}

  /** The header of one message. */
  record Header(int length, int requestId, int responseTo, int opCode) {
    static Header of(byte[] header) {
      ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
      return new Header(b.getInt(), b.getInt(), b.getInt(), b.getInt());
    }
  }

  /**
   * One write command: its kind ({@code insert}, {@code update}, {@code delete}), namespace and the
   * {@code _id} each statement names, in statement order (null where a statement's filter has no
   * plain {@code _id}).
   */
  record Write(String op, String database, String collection, List<BsonValue> ids) {}

  /**
   * A write's reply: {@code n} (inserted, matched or deleted), {@code nModified} for updates, and
   * the statement indexes that failed.
   */
  record Reply(boolean ok, long n, long modified, List<Integer> failed) {}

  /** The write command in {@code message} (header included), if it is one. */
  static Optional<Write> write(byte[] message) {
    Header h = Header.of(message);
    if (h.opCode() != OP_MSG) {
      return Optional.empty();
    }
    BsonDocument body = null;
    String sequenceName = null;
    List<BsonDocument> sequence = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    b.position(HEADER);
    int flags = b.getInt();
    int end = h.length() - ((flags & CHECKSUM_PRESENT) != 0 ? 4 : 0);
    while (b.position() < end) {
      byte kind = b.get();
      if (kind == 0) {
        body = document(message, b);
      } else if (kind == 1) {
        int start = b.position();
        int size = b.getInt();
        sequenceName = cstring(b);
        while (b.position() < start + size) {
          sequence.add(document(message, b));
        }
      } else {
        throw new IllegalArgumentException("OP_MSG section of unknown kind " + kind);
      }
    }
    if (body == null || body.isEmpty()) {
      return Optional.empty();
    }
    String op = body.getFirstKey();
    String statements =
        switch (op) {
          case "insert" -> "documents";
          case "update" -> "updates";
          case "delete" -> "deletes";
          default -> null;
        };
    if (statements == null || !body.get(op).isString()) {
      return Optional.empty();
    }
    if (!statements.equals(sequenceName)) {
      sequence.clear();
      BsonValue inline = body.get(statements);
      if (inline instanceof BsonArray array) {
        array.forEach(v -> sequence.add(v.asDocument()));
      }
    }
    var ids = new ArrayList<BsonValue>();
    for (BsonDocument statement : sequence) {
      BsonDocument where = op.equals("insert") ? statement : statement.getDocument("q", null);
      ids.add(where == null ? null : id(where));
    }
    String database = body.containsKey("$db") ? body.getString("$db").getValue() : "";
    return Optional.of(new Write(op, database, body.getString(op).getValue(), ids));
  }

  /**
   * The plain {@code _id} a filter names, directly or in a top-level {@code $and}; an integral
   * number as int64, since int32, int64 and double keys are one key to MongoDB and to recon.
   */
  static BsonValue id(BsonDocument filter) {
    BsonValue v = filter.get("_id");
    if (v == null && filter.get("$and") instanceof BsonArray and) {
      for (BsonValue part : and) {
        if (part.isDocument() && part.asDocument().containsKey("_id")) {
          v = part.asDocument().get("_id");
          break;
        }
      }
    }
    if (v == null || v.isDocument()) {
      return null; // an operator ($in, $gte): not one document
    }
    if (v.isNumber()) {
      double d = v.asNumber().doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return new BsonInt64((long) d);
      }
    }
    return v;
  }

  /** The reply document of an OP_MSG reply. */
  static Reply reply(byte[] message) {
    Header h = Header.of(message);
    if (h.opCode() != OP_MSG) {
      return new Reply(false, 0, 0, List.of());
    }
    ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    b.position(HEADER + 4);
    BsonDocument body = null;
    while (body == null && b.position() < h.length() && b.get() == 0) {
      body = document(message, b);
    }
    if (body == null) {
      return new Reply(false, 0, 0, List.of());
    }
    boolean ok =
        body.containsKey("ok")
            && body.get("ok").isNumber()
            && body.get("ok").asNumber().doubleValue() == 1.0;
    var failed = new ArrayList<Integer>();
    if (body.get("writeErrors") instanceof BsonArray errors) {
      for (BsonValue e : errors) {
        failed.add(e.asDocument().getNumber("index").intValue());
      }
    }
    return new Reply(ok, number(body, "n"), number(body, "nModified"), failed);
  }

  private static long number(BsonDocument d, String key) {
    BsonValue v = d.get(key);
    return v != null && v.isNumber() ? v.asNumber().longValue() : 0;
  }

  private static BsonDocument document(byte[] message, ByteBuffer b) {
    int at = b.position();
    int size = b.getInt(at);
    b.position(at + size);
    // Decoded eagerly: the proxy's buffer is reused for the next message.
    return new RawBsonDocument(message, at, size).decode(new org.bson.codecs.BsonDocumentCodec());
  }

  private static String cstring(ByteBuffer b) {
    int start = b.position();
    while (b.get() != 0) {
      // Scan to the terminating zero.
    }
    return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
  }
}
