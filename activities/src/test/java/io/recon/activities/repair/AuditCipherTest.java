package io.recon.activities.repair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCipherTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void isAbsentWhenTheVariableIsUnset() {
    assertNull(AuditCipher.fromEnv(Map.of()));
    assertNull(AuditCipher.fromEnv(Map.of(AuditCipher.ENV, " ")));
  }

  @Test
  void aMalformedKeyNamesTheVariableButNotItsValue() {
    var notBase64 =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditCipher.fromEnv(Map.of(AuditCipher.ENV, "sec!ret")));
    assertTrue(notBase64.getMessage().contains("RECON_AUDIT_KEY"));
    assertTrue(!notBase64.getMessage().contains("sec!ret"));
    var shortKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> AuditCipher.fromEnv(Map.of(AuditCipher.ENV, "c2hvcnQ=")));
    assertTrue(shortKey.getMessage().contains("RECON_AUDIT_KEY must encode 32 bytes"));
  }

  @Test
  void roundTripsAndRejectsATamperedCiphertext() {
    var cipher = AuditCipher.fromEnv(Map.of(AuditCipher.ENV, KEY));
    String sealed = cipher.encrypt("{\"email\":\"b@x\"}");
    assertNotEquals(sealed, cipher.encrypt("{\"email\":\"b@x\"}"));
    assertEquals("{\"email\":\"b@x\"}", cipher.decrypt(sealed));
    char[] c = sealed.toCharArray();
    c[10] = c[10] == 'A' ? 'B' : 'A';
    assertThrows(IllegalArgumentException.class, () -> cipher.decrypt(new String(c)));
  }
}
