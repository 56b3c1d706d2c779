package io.recon.activities.feed.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.recon.core.config.ReconConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgCaptureSettingsTest {
  private static final String URL = "jdbc:postgresql://db:5432/app";

  @Test
  void withoutAReplicationLoginTheSourceLoginStreams() {
    var config =
        ReconConfig.fromEnv(
            Map.of(
                "RECON_SOURCE_URL", URL,
                "RECON_SOURCE_USER", "reader",
                "RECON_SOURCE_PASSWORD", "r-secret"));
    assertEquals(new PgCaptureSettings(URL, "reader", "r-secret"), PgCaptureSettings.of(config));
  }

  @Test
  void aReplicationLoginStreamsOnTheSourceUrlAndTheSourceLoginStaysReadOnly() {
    var config =
        ReconConfig.fromEnv(
            Map.of(
                "RECON_SOURCE_URL", URL,
                "RECON_SOURCE_USER", "reader",
                "RECON_SOURCE_PASSWORD", "r-secret",
                "RECON_REPLICATION_USER", "replicator",
                "RECON_REPLICATION_PASSWORD", "w-secret"));
    PgCaptureSettings settings = PgCaptureSettings.of(config);
    assertEquals(new PgCaptureSettings(URL, "replicator", "w-secret"), settings);
    assertEquals("reader", config.source().user());
    assertFalse(settings.toString().contains("w-secret"), settings.toString());
  }
}
