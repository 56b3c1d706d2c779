package io.recon.starter.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each whole payload (its metadata and data) with AES-256-GCM under a fresh 12-byte random
 * nonce. The encrypted payload carries {@code encoding: binary/encrypted} and the key's id; its
 * data is the nonce followed by the ciphertext and tag. The key id is also the GCM associated data,
 * so a payload relabelled with another id fails to decode rather than decoding wrongly.
 *
 * <p>Payloads without the encrypted encoding pass through decode unchanged, so histories written
 * before encryption was switched on stay readable.
 */
public final class EncryptionCodec implements PayloadCodec {
  public static final String METADATA_ENCODING_KEY = "encoding";
  public static final String ENCODING = "binary/encrypted";
  public static final String METADATA_KEY_ID = "encryption-key-id";
  public static final String METADATA_CIPHER = "encryption-cipher";
  public static final String CIPHER = "AES/GCM/NoPadding";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final PayloadKey encrypting;
  private final Map<String, PayloadKey> byId = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param keys the encrypting key first, then older keys that may still be needed to decode
   */
  public EncryptionCodec(List<PayloadKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one payload key is needed");
    }
    this.encrypting = keys.get(0);
    for (PayloadKey key : keys) {
      byId.putIfAbsent(key.id(), key);
    }
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(encrypt(payload));
    }
    return out;
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    List<Payload> out = new ArrayList<>(payloads.size());
    for (Payload payload : payloads) {
      out.add(isEncrypted(payload) ? decrypt(payload) : payload);
    }
    return out;
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, encrypting, nonce);
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      byte[] data = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, data, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, data, NONCE_BYTES, sealed.length);
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING_KEY, utf8(ENCODING))
          .putMetadata(METADATA_CIPHER, utf8(CIPHER))
          .putMetadata(METADATA_KEY_ID, utf8(encrypting.id()))
          .setData(ByteString.copyFrom(data))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("could not encrypt a payload", e);
    }
  }

  private Payload decrypt(Payload payload) {
    String keyId = payload.getMetadataOrDefault(METADATA_KEY_ID, ByteString.EMPTY).toStringUtf8();
    PayloadKey key = byId.get(keyId);
    if (key == null) {
      throw new PayloadCodecException(
          "payload was encrypted with key id '"
              + keyId
              + "', which is not among the keys in "
              + PayloadKey.RECON_PAYLOAD_KEY
              + " (ids "
              + byId.keySet()
              + ")");
    }
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES) {
      throw new PayloadCodecException("encrypted payload is too short to hold a nonce");
    }
    try {
      byte[] nonce = java.util.Arrays.copyOf(data, NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (GeneralSecurityException e) {
      // GCM's tag check failed: a changed byte, a wrong key, or a relabelled key id.
      throw new PayloadCodecException(
          "encrypted payload failed authentication under key id '" + keyId + "'", e);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload is not a Temporal payload", e);
    }
  }

  private static Cipher cipher(int mode, PayloadKey key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(CIPHER);
    cipher.init(mode, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static boolean isEncrypted(Payload payload) {
    ByteString encoding = payload.getMetadataOrDefault(METADATA_ENCODING_KEY, null);
    return encoding != null && ENCODING.equals(encoding.toStringUtf8());
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
