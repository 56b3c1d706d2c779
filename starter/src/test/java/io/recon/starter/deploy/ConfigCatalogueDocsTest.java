package io.recon.starter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ConfigCatalogue;
import io.recon.core.config.ConfigVar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration catalogue ({@link ConfigVar}) against the files that name variables: the table
 * in docs/operations.md is the rendered catalogue, docs/security.md names every secret, the example
 * secrets hold only secrets, and no source, script, deploy file or doc names a variable the
 * catalogue does not declare.
 */
class ConfigCatalogueDocsTest {
  private static final Pattern NAME =
      Pattern.compile("\\b(?:RECON|TEMPORAL|OTEL)_[A-Z0-9_]*[A-Z0-9]\\b");

  /**
   * Names that look like variables and are not recon's: Temporal's UI server reads
   * TEMPORAL_CORS_ORIGINS in compose; TEMPORAL_PORT_HINT is a Java constant of {@code recon dev}.
   */
  private static final Set<String> NOT_RECON_VARIABLES =
      Set.of(
          "TEMPORAL_CORS_ORIGINS",
          "TEMPORAL_PORT_HINT",
          // The Temporal UI's own variable, and the compose file's .env value it is set from.
          "TEMPORAL_CODEC_ENDPOINT",
          "RECON_CODEC_ENDPOINT");

  private final Path root = DeployFiles.repoRoot();

  @Test
  void theOperationsTableIsTheRenderedCatalogue() {
    String docs = DeployFiles.text(root.resolve("docs/operations.md"));
    int begin = docs.indexOf(ConfigCatalogue.DOCS_BEGIN);
    int end = docs.indexOf(ConfigCatalogue.DOCS_END);
    assertTrue(begin >= 0 && end > begin, "docs/operations.md has the catalogue markers");
    String table = docs.substring(begin + ConfigCatalogue.DOCS_BEGIN.length() + 1, end);
    assertEquals(
        ConfigCatalogue.markdownTable(),
        table,
        "docs/operations.md's configuration table differs from ConfigVar; paste this between the"
            + " markers:\n"
            + ConfigCatalogue.markdownTable());
  }

  @Test
  void securityDocsNameEverySecret() {
    String security = DeployFiles.text(root.resolve("docs/security.md"));
    for (ConfigVar v : ConfigVar.values()) {
      if (v.secret()) {
        assertTrue(security.contains("`" + v.name() + "`"), "docs/security.md names " + v.name());
      }
    }
  }

  @Test
  void theExampleSecretsHoldOnlySecrets() {
    var data = DeployFiles.yaml(root.resolve("deploy/k8s/secret.example.yaml")).path("stringData");
    Set<String> keys = new TreeSet<>();
    data.fieldNames().forEachRemaining(keys::add);
    assertTrue(keys.size() >= 5, keys.toString());
    for (String key : keys) {
      assertTrue(DeployConsistencyTest.secret(key), key + " is a catalogue secret");
    }
  }

  @Test
  void everyVariableNamedAnywhereIsInTheCatalogue() throws IOException {
    Map<String, String> unknown = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(this::scanned)
          .forEach(
              file -> {
                Matcher m = NAME.matcher(read(file));
                while (m.find()) {
                  String name = m.group();
                  if (ConfigVar.named(name).isEmpty() && !NOT_RECON_VARIABLES.contains(name)) {
                    unknown.putIfAbsent(name, root.relativize(file).toString());
                  }
                }
              });
    }
    assertEquals(Map.of(), unknown, "variables named but not declared in ConfigVar");
  }

  @Test
  void theScanSeesTheFilesThatReadVariables() {
    for (String file :
        List.of(
            "recon",
            "cli/src/main/resources/logback.xml",
            "deploy/k8s/worker-config.yaml",
            "docs/operations.md")) {
      assertTrue(scanned(root.resolve(file)), file);
    }
  }

  /** Sources, resources, scripts, deploy files and docs; never build output or tests. */
  private boolean scanned(Path file) {
    String rel = root.relativize(file).toString().replace('\\', '/');
    if (rel.startsWith(".") || rel.contains("/target/") || rel.contains("/src/test/")) {
      return false;
    }
    if (rel.equals("recon")) {
      return true;
    }
    return rel.matches(".*\\.(java|xml|yaml|yml|md|properties|sh|example)$")
        || rel.endsWith("Dockerfile");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
