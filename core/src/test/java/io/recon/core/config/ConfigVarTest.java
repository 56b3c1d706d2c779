package io.recon.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigVarTest {
  private static final String SECRET = "s3cr3t-never-shown";

  @Test
  void everyNameIsAVariableNameWithAMeaning() {
    for (ConfigVar v : ConfigVar.values()) {
      assertTrue(v.name().matches("(RECON|TEMPORAL|OTEL)_[A-Z0-9_]+"), v.name());
      assertFalse(v.meaning().isBlank(), v.name());
      assertFalse(v.meaning().contains("|") || v.meaning().contains("\n"), v.name());
    }
  }

  @Test
  void passwordsKeysAndTokensAreSecretAndUrlsAreShownMasked() {
    for (ConfigVar v : ConfigVar.values()) {
      String n = v.name();
      // TEMPORAL_TLS_KEY names a file; the file, not the path, is the secret.
      boolean secretByName =
          n.endsWith("_PASSWORD")
              || n.endsWith("_API_KEY")
              || n.endsWith("_AUTH")
              || n.endsWith("_HEADERS")
              || (n.endsWith("_KEY") && !n.equals("TEMPORAL_TLS_KEY"));
      assertEquals(secretByName, v.secret(), n);
      if (n.endsWith("_URL") || n.endsWith("_URI")) {
        assertEquals(ConfigVar.Secrecy.REDACTED, v.secrecy(), n);
      }
      if (v.secret()) {
        assertEquals(Optional.empty(), v.fallback().filter(f -> !f.contains("_")), n);
      }
    }
  }

  @Test
  void displayNeverShowsASecretAndMasksCredentialsInAUrl() {
    assertEquals("(set)", ConfigVar.RECON_PAYLOAD_KEY.display(SECRET));
    String shown = ConfigVar.RECON_MONGO_URI.display("mongodb://recon:" + SECRET + "@db:27017");
    assertFalse(shown.contains(SECRET), shown);
    assertTrue(shown.contains("db:27017"), shown);
    assertEquals("recon", ConfigVar.RECON_TASK_QUEUE.display("recon"));
  }

  @Test
  void theConfigurationKeepsOnlyCatalogueVariablesTrimmedAndSet() {
    Map<String, String> env = new HashMap<>();
    env.put("RECON_TASK_QUEUE", "  q  ");
    env.put("RECON_MONGO_USER", "   ");
    env.put("RECON_NOT_A_VARIABLE", "x");
    env.put("PATH", "/bin");
    ReconConfig c = ReconConfig.fromEnv(env);
    assertEquals(Map.of("RECON_TASK_QUEUE", "q"), c.settings());
    assertEquals("q", c.taskQueue());
    assertEquals(Optional.of("q"), c.setting(ConfigVar.RECON_TASK_QUEUE));
    assertFalse(c.isSet("RECON_NOT_A_VARIABLE"));
  }

  @Test
  void toStringShowsNoSecretEvenWhenEveryVariableIsSet() {
    Map<String, String> env = new HashMap<>();
    for (ConfigVar v : ConfigVar.values()) {
      env.put(v.name(), v.secret() ? SECRET : "1");
    }
    env.put("RECON_SOURCE_URL", "jdbc:postgresql://db:5432/app?password=" + SECRET);
    env.put("RECON_STORE_URL", "jdbc:postgresql://db:5432/app?password=" + SECRET);
    env.put("RECON_MONGO_URI", "mongodb://u:" + SECRET + "@db:27017");
    ReconConfig c = ReconConfig.fromEnv(env);
    assertFalse(c.toString().contains(SECRET), c.toString());
  }

  @Test
  void defaultsInTheConfigurationAreTheCatalogueOnes() {
    ReconConfig c = ReconConfig.fromEnv(Map.of());
    assertEquals(ConfigVar.TEMPORAL_ADDRESS.defaultValue(), c.temporalAddress());
    assertEquals(ConfigVar.TEMPORAL_NAMESPACE.defaultValue(), c.temporalNamespace());
    assertEquals(ConfigVar.RECON_TASK_QUEUE.defaultValue(), c.taskQueue());
    assertEquals(ConfigVar.RECON_SOURCE_URL.defaultValue(), c.source().url());
    assertEquals(ConfigVar.RECON_SOURCE_USER.defaultValue(), c.source().user());
    assertEquals(ConfigVar.RECON_MONGO_URI.defaultValue(), c.mongo().url());
    assertEquals(ConfigVar.RECON_METRICS_PORT.defaultValue(), String.valueOf(c.metricsPort()));
  }

  @Test
  void theHelpFooterAndTheDocsTableNameEveryVariable() {
    String footer = String.join("\n", ConfigCatalogue.helpFooter());
    String table = ConfigCatalogue.markdownTable();
    for (ConfigVar v : ConfigVar.values()) {
      assertTrue(footer.contains("  " + v.name() + " "), v.name());
      assertTrue(table.contains("| `" + v.name() + "` |"), v.name());
    }
    assertEquals(ConfigVar.values().length + 2, table.lines().count(), table);
  }
}
