package io.recon.starter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ConfigException;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadKeyTest {
  @Test
  void unsetOrBlankVariableMeansNoEncryption() {
    assertTrue(PayloadKey.fromEnv(Map.of()).isEmpty());
    assertTrue(PayloadKey.fromEnv(Map.of("RECON_PAYLOAD_KEY", "  ")).isEmpty());
    assertSame(DefaultDataConverter.STANDARD_INSTANCE, PayloadEncryption.dataConverter(Map.of()));
  }

  @Test
  void setVariableInstallsTheCodecConverter() {
    Map<String, String> env = Map.of("RECON_PAYLOAD_KEY", EncryptionCodecTest.newKey());
    assertTrue(PayloadEncryption.dataConverter(env) instanceof CodecDataConverter);
  }

  @Test
  void keyOfWrongLengthIsRejectedNamingTheVariableWithoutEchoingTheKey() {
    String short16 = Base64.getEncoder().encodeToString(new byte[16]);
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> PayloadKey.fromEnv(Map.of("RECON_PAYLOAD_KEY", short16)));
    assertTrue(e.getMessage().startsWith("RECON_PAYLOAD_KEY"), e.getMessage());
    assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    assertFalse(e.getMessage().contains(short16), e.getMessage());
  }

  @Test
  void keyThatIsNotBase64IsRejectedNamingTheVariableWithoutEchoingTheKey() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> PayloadKey.fromEnv(Map.of("RECON_PAYLOAD_KEY", "not*base64!secret")));
    assertTrue(e.getMessage().contains("RECON_PAYLOAD_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void commaSeparatedKeysPutTheEncryptingKeyFirst() {
    String a = EncryptionCodecTest.newKey();
    String b = EncryptionCodecTest.newKey();
    List<PayloadKey> keys = PayloadKey.fromEnv(Map.of("RECON_PAYLOAD_KEY", a + ", " + b));
    assertEquals(2, keys.size());
    assertEquals(PayloadKey.ofBase64(a).id(), keys.get(0).id());
    assertEquals(PayloadKey.ofBase64(b).id(), keys.get(1).id());
  }

  @Test
  void toStringShowsOnlyTheId() {
    PayloadKey key = PayloadKey.ofBase64(EncryptionCodecTest.newKey());
    assertEquals("PayloadKey[" + key.id() + "]", key.toString());
  }
}
