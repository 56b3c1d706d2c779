package io.recon.starter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionCodecTest {
  static final String MARKER = "customer-4711@example.com";

  static String newKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private final PayloadKey key = PayloadKey.ofBase64(newKey());
  private final EncryptionCodec codec = new EncryptionCodec(List.of(key));
  private final Payload plain =
      Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFromUtf8("\"" + MARKER + "\""))
          .build();

  @Test
  void decodeOfEncodeGivesBackTheSamePayload() {
    List<Payload> encoded = codec.encode(List.of(plain));
    assertEquals(List.of(plain), codec.decode(encoded));
  }

  @Test
  void encodedPayloadHidesDataAndOriginalMetadataAndNamesItsKey() {
    Payload encoded = codec.encode(List.of(plain)).get(0);
    assertFalse(encoded.toByteString().toStringUtf8().contains(MARKER));
    assertFalse(encoded.toByteString().toStringUtf8().contains("json/plain"));
    assertEquals("binary/encrypted", encoded.getMetadataOrThrow("encoding").toStringUtf8());
    assertEquals(key.id(), encoded.getMetadataOrThrow("encryption-key-id").toStringUtf8());
  }

  @Test
  void everyEncodingUsesAFreshNonce() {
    Payload a = codec.encode(List.of(plain)).get(0);
    Payload b = codec.encode(List.of(plain)).get(0);
    assertNotEquals(a.getData(), b.getData());
  }

  @Test
  void tamperedCiphertextFailsAuthentication() {
    Payload encoded = codec.encode(List.of(plain)).get(0);
    byte[] data = encoded.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload tampered = encoded.toBuilder().setData(ByteString.copyFrom(data)).build();
    assertThrows(PayloadCodecException.class, () -> codec.decode(List.of(tampered)));
  }

  @Test
  void payloadRelabelledWithAnotherKnownKeyIdFailsAuthentication() {
    PayloadKey other = PayloadKey.ofBase64(newKey());
    EncryptionCodec both = new EncryptionCodec(List.of(key, other));
    Payload encoded = both.encode(List.of(plain)).get(0);
    Payload relabelled =
        encoded.toBuilder()
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8(other.id()))
            .build();
    assertThrows(PayloadCodecException.class, () -> both.decode(List.of(relabelled)));
  }

  @Test
  void unknownKeyIdIsReportedWithTheVariableName() {
    Payload encoded = codec.encode(List.of(plain)).get(0);
    EncryptionCodec stranger = new EncryptionCodec(List.of(PayloadKey.ofBase64(newKey())));
    PayloadCodecException e =
        assertThrows(PayloadCodecException.class, () -> stranger.decode(List.of(encoded)));
    assertTrue(e.getMessage().contains(key.id()), e.getMessage());
    assertTrue(e.getMessage().contains("RECON_PAYLOAD_KEY"), e.getMessage());
  }

  @Test
  void rotatedCodecEncryptsWithNewKeyAndStillDecodesOldPayloads() {
    Payload old = codec.encode(List.of(plain)).get(0);
    PayloadKey newer = PayloadKey.ofBase64(newKey());
    EncryptionCodec rotated = new EncryptionCodec(List.of(newer, key));
    assertEquals(List.of(plain), rotated.decode(List.of(old)));
    Payload fresh = rotated.encode(List.of(plain)).get(0);
    assertEquals(newer.id(), fresh.getMetadataOrThrow("encryption-key-id").toStringUtf8());
  }

  @Test
  void unencryptedPayloadPassesDecodeUnchanged() {
    assertSame(plain, codec.decode(List.of(plain)).get(0));
  }
}
