package io.recon.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconConfigTest {

  @Test
  void defaultsPointAtTheEmbeddedStack() {
    ReconConfig c = ReconConfig.fromEnv(Map.of());
    assertEquals("127.0.0.1:7233", c.temporalAddress());
    assertEquals("default", c.temporalNamespace());
    assertEquals("recon", c.taskQueue());
    assertEquals("jdbc:postgresql://127.0.0.1:55432/postgres", c.source().url());
    assertEquals("postgres", c.source().user());
    assertEquals(c.source(), c.store());
    assertEquals("mongodb://127.0.0.1:27017", c.mongo().url());
    assertEquals(9464, c.metricsPort());
    assertTrue(c.explicit().isEmpty());
  }

  @Test
  void storeDefaultsToTheSourceUrlAndCredentials() {
    ReconConfig c =
        ReconConfig.fromEnv(
            Map.of(
                "RECON_SOURCE_URL", "jdbc:postgresql://db:5432/app",
                "RECON_SOURCE_USER", "reader",
                "RECON_SOURCE_PASSWORD", "s3cret"));
    assertEquals("jdbc:postgresql://db:5432/app", c.store().url());
    assertEquals("reader", c.store().user());
    assertEquals("s3cret", c.store().password());
    assertTrue(c.isSet("RECON_SOURCE_URL"));
    assertFalse(c.isSet("RECON_STORE_URL"));
  }

  @Test
  void separateStoreUrlDoesNotInheritTheSourcePassword() {
    ReconConfig c =
        ReconConfig.fromEnv(
            Map.of(
                "RECON_SOURCE_URL", "jdbc:postgresql://db:5432/app",
                "RECON_SOURCE_PASSWORD", "s3cret",
                "RECON_STORE_URL", "jdbc:postgresql://store:5432/recon"));
    assertEquals("jdbc:postgresql://store:5432/recon", c.store().url());
    assertEquals(null, c.store().password());
  }

  @Test
  void everyVariableIsRead() {
    ReconConfig c =
        ReconConfig.fromEnv(
            Map.of(
                "TEMPORAL_ADDRESS", "temporal:7233",
                "TEMPORAL_NAMESPACE", "recon-prod",
                "RECON_TASK_QUEUE", "recon-eu",
                "RECON_MONGO_URI", "mongodb://mongo:27017",
                "RECON_METRICS_PORT", "9000"));
    assertEquals("temporal:7233", c.temporalAddress());
    assertEquals("recon-prod", c.temporalNamespace());
    assertEquals("recon-eu", c.taskQueue());
    assertEquals("mongodb://mongo:27017", c.mongo().url());
    assertEquals(9000, c.metricsPort());
  }

  @Test
  void badMetricsPortNamesTheVariableAndValue() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ReconConfig.fromEnv(Map.of("RECON_METRICS_PORT", "nine")));
    assertTrue(e.getMessage().contains("RECON_METRICS_PORT"), e.getMessage());
    assertTrue(e.getMessage().contains("nine"), e.getMessage());
  }

  @Test
  void secretsNeverAppearInTheTextForm() {
    ReconConfig c =
        ReconConfig.fromEnv(
            Map.of(
                "RECON_SOURCE_URL", "jdbc:postgresql://db/app?user=u&password=hunter2",
                "RECON_SOURCE_PASSWORD", "pw-env-secret",
                "RECON_MONGO_URI", "mongodb://admin:mongo-secret@mongo:27017/crm"));
    String text = c.toString();
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("pw-env-secret"), text);
    assertFalse(text.contains("mongo-secret"), text);
    assertTrue(text.contains("mongodb://admin:***@mongo:27017/crm"), text);
  }
}
