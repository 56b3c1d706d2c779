package io.recon.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.compare.EncodedKey;
import io.recon.core.compare.KeyCodec;
import io.recon.core.compare.RecordKey;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreJsonTest {
  static final List<String> HOSTILE =
      List.of(
          "nul\u0000x", "lone\uD800x", "low\uDC00", "ctl\u0001\u001b[31m", "pair😀", "del\u007f");

  @Test
  void hostileTextKeysAreStoredAsUtf8SafeTextAndDecodeToTheSameKey() {
    for (String part : HOSTILE) {
      RecordKey key = RecordKey.of(part);
      String text = StoreJson.keyText(key);
      // What PostgreSQL receives is UTF-8: it must encode without loss and hold no NUL.
      String wire = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      assertEquals(text, wire, part);
      assertFalse(text.contains("\u0000"), part);
      assertEquals(key, StoreJson.key(text), part);
    }
    // Keys that differ only in an unencodable character keep different texts (and hashes).
    assertNotEquals(
        StoreJson.keyText(RecordKey.of("a\uD800")), StoreJson.keyText(RecordKey.of("a\uD801")));
    assertTrue(StoreJson.keyText(RecordKey.of("x\uD800")).contains("\\ud800"));
  }

  @Test
  void hostileTextKeysTravelThroughTemporalPayloadsIntact() {
    var converter = DefaultDataConverter.newDefaultInstance();
    for (String part : HOSTILE) {
      EncodedKey encoded = KeyCodec.encode(RecordKey.of(part));
      var payload = converter.toPayload(encoded).orElseThrow();
      EncodedKey back = converter.fromPayload(payload, EncodedKey.class, EncodedKey.class);
      assertEquals(RecordKey.of(part), KeyCodec.decode(back), part);
    }
  }
}
