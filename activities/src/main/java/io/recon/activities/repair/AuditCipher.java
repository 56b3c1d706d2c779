package io.recon.activities.repair;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * Encrypts repair images at rest with AES-256-GCM under {@code RECON_AUDIT_KEY}. A ciphertext is
 * {@code v1:} followed by base64 of a fresh 12-byte IV and the sealed bytes (tag included), so a
 * changed ciphertext fails to decrypt rather than yield wrong data.
 */
public final class AuditCipher {
  public static final String ENV = io.recon.core.config.ConfigVar.RECON_AUDIT_KEY.name();
  private static final String PREFIX = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public AuditCipher(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /**
   * The cipher of {@code RECON_AUDIT_KEY} in {@code env}, or null when it is unset or blank.
   *
   * @throws IllegalArgumentException naming the variable, never its value, when it is not base64 of
   *     32 bytes
   */
  public static AuditCipher fromEnv(Map<String, String> env) {
    String value = env.get(ENV);
    if (value == null || value.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENV + " is not valid base64; it must encode 32 bytes");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          ENV + " must encode 32 bytes (AES-256), found " + key.length);
    }
    return new AuditCipher(key);
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code text} was not sealed by this key or was changed
   */
  public String decrypt(String text) {
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not an encrypted image");
    }
    byte[] all = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the image does not decrypt under " + ENV + " (wrong key, or tampered)", e);
    }
  }

  /**
   * A stored before- or after-image as a document, decrypted first when it was stored encrypted.
   *
   * @param cipher the configured cipher, or null when no key is set
   * @param needed what the image is needed for, named when the key is missing ("to roll back")
   * @throws IllegalStateException when the image is encrypted and no key is set
   */
  static Document image(
      AuditCipher cipher, String text, Boolean encrypted, String what, String needed) {
    if (text == null) {
      return null;
    }
    if (Boolean.TRUE.equals(encrypted)) {
      if (cipher == null) {
        throw new IllegalStateException(what + " encrypted; set " + ENV + " " + needed);
      }
      text = cipher.decrypt(text);
    }
    return Document.parse(text);
  }
}
