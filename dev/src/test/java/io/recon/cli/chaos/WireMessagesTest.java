package io.recon.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;

class WireMessagesTest {

  @Test
  void updateStatementsInADocumentSequenceNameTheirIds() {
    BsonDocument body =
        BsonDocument.parse("{update: 'chaos_target', ordered: false, $db: 'bench'}");
    byte[] message =
        message(
            7,
            0,
            body,
            "updates",
            List.of(
                BsonDocument.parse(
                    "{q: {_id: {$numberLong: '4'}, name: 'x'}, u: {$set: {name: 'y'}}}"),
                BsonDocument.parse("{q: {$and: [{_id: 6}, {name: 'a'}, {name: 'b'}]}, u: {}}"),
                BsonDocument.parse("{q: {_id: {$in: [1, 2]}}, u: {}}")));
    WireMessages.Write w = WireMessages.write(message).orElseThrow();
    assertEquals("update", w.op());
    assertEquals("bench", w.database());
    assertEquals("chaos_target", w.collection());
    // int32 6 is the same key as int64 6; an $in names no single document.
    assertEquals(new BsonInt64(4), w.ids().get(0));
    assertEquals(new BsonInt64(6), w.ids().get(1));
    assertNull(w.ids().get(2));
  }

  @Test
  void insertsInlineInTheBodyAreReadToo() {
    BsonDocument body =
        new BsonDocument("insert", new BsonString("c")).append("$db", new BsonString("d"));
    body.append(
        "documents",
        new BsonArray(
            List.of(
                new BsonDocument("_id", new BsonString("k1")),
                new BsonDocument("_id", new BsonInt32(2)))));
    WireMessages.Write w = WireMessages.write(message(1, 0, body, null, List.of())).orElseThrow();
    assertEquals("insert", w.op());
    assertEquals(List.of(new BsonString("k1"), new BsonInt64(2)), w.ids());
  }

  @Test
  void readsAndHandshakesAreNotWrites() {
    assertTrue(
        WireMessages.write(
                message(1, 0, BsonDocument.parse("{find: 'c', $db: 'd'}"), null, List.of()))
            .isEmpty());
    byte[] legacy = message(1, 0, BsonDocument.parse("{isMaster: 1}"), null, List.of());
    ByteBuffer.wrap(legacy).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 2004); // OP_QUERY
    assertTrue(WireMessages.write(legacy).isEmpty());
  }

  @Test
  void aReplyCarriesItsCountsAndFailedStatements() {
    byte[] reply =
        message(
            9,
            7,
            BsonDocument.parse(
                "{n: 3, nModified: 2, writeErrors: [{index: 1, code: 11000, errmsg: 'dup'}], ok: 1.0}"),
            null,
            List.of());
    assertEquals(7, WireMessages.Header.of(reply).responseTo());
    WireMessages.Reply r = WireMessages.reply(reply);
    assertTrue(r.ok());
    assertEquals(3, r.n());
    assertEquals(2, r.modified());
    assertEquals(List.of(1), r.failed());
  }

  /** An OP_MSG as a driver writes it: header, flags, a body section, an optional sequence. */
  static byte[] message(
      int requestId, int responseTo, BsonDocument body, String sequence, List<BsonDocument> docs) {
    var sections = new ByteArrayOutputStream();
    sections.write(0);
    sections.writeBytes(bytes(body));
    if (sequence != null) {
      var seq = new ByteArrayOutputStream();
      seq.writeBytes(sequence.getBytes(StandardCharsets.UTF_8));
      seq.write(0);
      docs.forEach(d -> seq.writeBytes(bytes(d)));
      sections.write(1);
      sections.writeBytes(le(4 + seq.size()));
      sections.writeBytes(seq.toByteArray());
    }
    int length = 16 + 4 + sections.size();
    var out = new ByteArrayOutputStream();
    out.writeBytes(le(length));
    out.writeBytes(le(requestId));
    out.writeBytes(le(responseTo));
    out.writeBytes(le(WireMessages.OP_MSG));
    out.writeBytes(le(0));
    out.writeBytes(sections.toByteArray());
    return out.toByteArray();
  }

  private static byte[] bytes(BsonDocument d) {
    RawBsonDocument raw = new RawBsonDocument(d, new org.bson.codecs.BsonDocumentCodec());
    ByteBuffer b = raw.getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }
}
