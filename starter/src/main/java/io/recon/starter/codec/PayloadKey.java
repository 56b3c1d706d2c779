package io.recon.starter.codec;

import io.recon.core.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key for payload encryption, with an id that is stored beside every payload it
 * encrypts, so that a key can be rotated while histories written under the old one stay readable.
 *
 * <p>The id is derived from the key (a truncated SHA-256), so no second variable has to be kept in
 * step with it. {@link #toString()} shows only the id.
 */
public final class PayloadKey {
  /** Base64 of 32 random bytes; several keys separated by commas, the first one encrypts. */
  public static final String RECON_PAYLOAD_KEY =
      io.recon.core.config.ConfigVar.RECON_PAYLOAD_KEY.name();

  private static final int KEY_BYTES = 32;
  private static final String HOW_TO_MAKE_ONE = " (make one with: openssl rand -base64 32)";

  private final String id;
  private final SecretKey secret;

  private PayloadKey(byte[] raw) {
    this.secret = new SecretKeySpec(raw, "AES");
    this.id = idOf(raw);
  }

  /**
   * The keys in {@code RECON_PAYLOAD_KEY}, the encrypting key first; empty when the variable is
   * unset or blank. During a rotation the variable holds {@code new,old}: new payloads use the new
   * key and old histories still decode.
   *
   * @throws ConfigException naming the variable when a key is not the base64 of 32 bytes; the
   *     message never contains the key
   */
  public static List<PayloadKey> fromEnv(Map<String, String> env) {
    String raw = env.get(RECON_PAYLOAD_KEY);
    List<PayloadKey> keys = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return keys;
    }
    String[] parts = raw.split(",");
    for (int i = 0; i < parts.length; i++) {
      keys.add(parse(parts[i].trim(), i + 1));
    }
    return List.copyOf(keys);
  }

  /** A key from its base64 form, as a test or a key file would give it. */
  public static PayloadKey ofBase64(String base64) {
    return parse(base64, 1);
  }

  public String id() {
    return id;
  }

  SecretKey secret() {
    return secret;
  }

  private static PayloadKey parse(String base64, int position) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          RECON_PAYLOAD_KEY + " key #" + position + " is not valid base64" + HOW_TO_MAKE_ONE);
    }
    if (bytes.length != KEY_BYTES) {
      throw new ConfigException(
          RECON_PAYLOAD_KEY
              + " key #"
              + position
              + " decodes to "
              + bytes.length
              + " bytes, but AES-256 needs 32"
              + HOW_TO_MAKE_ONE);
    }
    return new PayloadKey(bytes);
  }

  private static String idOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("recon-payload-key:".getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(raw), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "PayloadKey[" + id + "]";
  }
}
