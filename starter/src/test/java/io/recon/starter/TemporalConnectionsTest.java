package io.recon.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Metadata;
import io.recon.core.config.ConfigException;
import io.recon.core.config.ReconConfig;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalConnectionsTest {
  private static final ReconConfig CONFIG = ReconConfig.fromEnv(Map.of());

  @TempDir Path dir;

  @Test
  void withoutTlsVariablesTheConnectionIsPlaintext() {
    WorkflowServiceStubsOptions options = TemporalConnections.stubsOptions(CONFIG, Map.of());
    assertEquals("127.0.0.1:7233", options.getTarget());
    assertNull(options.getSslContext());
    assertFalse(options.getEnableHttps());
    assertTrue(
        options.getGrpcMetadataProviders() == null || options.getGrpcMetadataProviders().isEmpty());
  }

  @Test
  void apiKeyIsSentAsBearerTokenOverTls() {
    WorkflowServiceStubsOptions options =
        TemporalConnections.stubsOptions(CONFIG, Map.of("TEMPORAL_API_KEY", "k-123"));
    assertTrue(options.getEnableHttps());
    Metadata headers = new Metadata();
    for (GrpcMetadataProvider p : options.getGrpcMetadataProviders()) {
      headers.merge(p.getMetadata());
    }
    assertEquals(
        "Bearer k-123",
        headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
  }

  @Test
  void certificateKeyAndCaBuildAMutualTlsContext() throws Exception {
    Map<String, String> env = tlsFiles();
    WorkflowServiceStubsOptions options = TemporalConnections.stubsOptions(CONFIG, env);
    assertNotNull(options.getSslContext());
    assertTrue(options.getSslContext().isClient());
  }

  @Test
  void caAloneBuildsAServerVerifyingContext() throws Exception {
    Map<String, String> env = Map.of("TEMPORAL_TLS_CA", tlsFiles().get("TEMPORAL_TLS_CA"));
    assertNotNull(TemporalConnections.stubsOptions(CONFIG, env).getSslContext());
  }

  @Test
  void certificateWithoutKeyIsRejectedNamingTheMissingVariable() throws Exception {
    Map<String, String> env = Map.of("TEMPORAL_TLS_CERT", tlsFiles().get("TEMPORAL_TLS_CERT"));
    ConfigException e =
        assertThrows(ConfigException.class, () -> TemporalConnections.stubsOptions(CONFIG, env));
    assertTrue(e.getMessage().startsWith("TEMPORAL_TLS_KEY"), e.getMessage());
  }

  @Test
  void unreadableFileIsRejectedNamingTheVariable() {
    Map<String, String> env = Map.of("TEMPORAL_TLS_CA", dir.resolve("absent.pem").toString());
    ConfigException e =
        assertThrows(ConfigException.class, () -> TemporalConnections.stubsOptions(CONFIG, env));
    assertTrue(e.getMessage().startsWith("TEMPORAL_TLS_CA"), e.getMessage());
  }

  @Test
  void fileThatIsNotPemIsRejectedNamingTheVariables() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    Map<String, String> env = Map.of("TEMPORAL_TLS_CA", junk.toString());
    ConfigException e =
        assertThrows(ConfigException.class, () -> TemporalConnections.stubsOptions(CONFIG, env));
    assertTrue(e.getMessage().contains("TEMPORAL_TLS_CA"), e.getMessage());
  }

  /**
   * A throwaway CA and a client certificate it signed, made with openssl so that no private key is
   * committed; the test is skipped where openssl is absent.
   */
  private Map<String, String> tlsFiles() throws Exception {
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=test-ca");
    run(
        "openssl",
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "client.key",
        "-out",
        "client.csr",
        "-subj",
        "/CN=recon-test");
    run(
        "openssl",
        "x509",
        "-req",
        "-in",
        "client.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "client.pem",
        "-days",
        "1");
    return Map.of(
        "TEMPORAL_TLS_CERT", dir.resolve("client.pem").toString(),
        "TEMPORAL_TLS_KEY", dir.resolve("client.key").toString(),
        "TEMPORAL_TLS_CA", dir.resolve("ca.pem").toString());
  }

  private void run(String... command) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder(List.of(command))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "openssl is not installed");
      return;
    }
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command));
  }
}
