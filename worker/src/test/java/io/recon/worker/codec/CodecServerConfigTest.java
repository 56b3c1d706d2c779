package io.recon.worker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecServerConfigTest {

  @Test
  void defaultsAreLoopbackPort8888AndTheStartDevUiUnderBothNames() {
    CodecServerConfig config = CodecServerConfig.fromEnv(Map.of()).orElseThrow();
    assertEquals(
        new CodecServerConfig(
            "127.0.0.1",
            8888,
            List.of("http://localhost:8233", "http://127.0.0.1:8233"),
            Optional.empty()),
        config);
  }

  @Test
  void variablesSetAddressOriginsAndAuthorization() {
    CodecServerConfig config =
        CodecServerConfig.fromEnv(
                Map.of(
                    "RECON_CODEC_ADDRESS", " 0.0.0.0:9999 ",
                    "RECON_CODEC_ORIGIN", "https://temporal.example.com/, http://localhost:8080",
                    "RECON_CODEC_AUTH", "Bearer s3cret"))
            .orElseThrow();
    assertEquals("0.0.0.0", config.host());
    assertEquals(9999, config.port());
    assertEquals(
        List.of("https://temporal.example.com", "http://localhost:8080"), config.origins());
    assertTrue(config.allows("http://localhost:8080"));
    assertFalse(config.allows("http://localhost:8233"));
    assertEquals(Optional.of("Bearer s3cret"), config.authorization());
    assertFalse(config.toString().contains("s3cret"), config.toString());
  }

  @Test
  void ipv6HostsAreWrittenInBrackets() {
    assertEquals(
        "::1",
        CodecServerConfig.fromEnv(Map.of("RECON_CODEC_ADDRESS", "[::1]:8888"))
            .orElseThrow()
            .host());
  }

  @Test
  void offTurnsTheServerOff() {
    assertTrue(CodecServerConfig.fromEnv(Map.of("RECON_CODEC_ADDRESS", "off")).isEmpty());
    assertTrue(CodecServerConfig.fromEnv(Map.of("RECON_CODEC_ADDRESS", "OFF")).isEmpty());
  }

  @Test
  void badValuesNameTheirVariable() {
    for (Map<String, String> env :
        List.of(
            Map.of("RECON_CODEC_ADDRESS", "8888"),
            Map.of("RECON_CODEC_ADDRESS", "localhost:99999"),
            Map.of("RECON_CODEC_ADDRESS", "localhost:port"),
            Map.of("RECON_CODEC_ORIGIN", "localhost:8233"),
            Map.of("RECON_CODEC_ORIGIN", "http://localhost:8233/ui"),
            Map.of("RECON_CODEC_ORIGIN", "*"))) {
      ConfigException e = assertThrows(ConfigException.class, () -> CodecServerConfig.fromEnv(env));
      String variable = env.keySet().iterator().next();
      assertTrue(e.getMessage().startsWith(variable), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }
}
