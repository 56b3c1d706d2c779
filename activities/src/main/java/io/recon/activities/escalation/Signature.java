package io.recon.activities.escalation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Recon-Signature} of a posted message: {@code sha256=} and the lower-case hex
 * HMAC-SHA256, under {@code RECON_ESCALATION_HMAC_KEY}, of the {@code X-Recon-Timestamp} value, a
 * full stop, and the body's bytes. Binding the timestamp lets a receiver refuse a replayed message.
 */
public final class Signature {
  public static final String PREFIX = "sha256=";

  private Signature() {}

  /** The header value for {@code body} sent at {@code timestamp} (epoch seconds, as sent). */
  public static String sign(byte[] key, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      // Every Java runtime has HmacSHA256, and any byte string is a valid HMAC key.
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
