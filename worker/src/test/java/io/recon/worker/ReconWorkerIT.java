package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.Ports;
import io.recon.embedded.testing.SharedEngines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconWorkerIT {

  /** Engines started by the test and handed over by URL, exactly as remote ones would be. */
  private static Map<String, String> externalEndpoints(String sourceUrl) {
    return Map.of(
        "TEMPORAL_ADDRESS",
        SharedEngines.temporal().address(),
        "RECON_SOURCE_URL",
        sourceUrl,
        "RECON_SOURCE_USER",
        "postgres",
        "RECON_MONGO_URI",
        SharedEngines.mongo().uri(),
        "RECON_TASK_QUEUE",
        "worker-it",
        "RECON_METRICS_PORT",
        "0");
  }

  @Test
  void workerConnectsToEndpointsGivenThroughTheVariablesAndMigratesTheStore() throws Exception {
    String url = SharedEngines.newPostgresDatabase();
    ReconConfig config = ReconConfig.fromEnv(externalEndpoints(url));
    try (ReconWorker worker = ReconWorker.start(config)) {
      assertEquals(url, worker.resources().config().source().url());
      try (Connection c = worker.resources().store().getConnection();
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "select count(*) from information_schema.tables where table_schema = 'recon'"
                          + " and table_name in ('cycle','partition','discrepancy','watermark')")) {
        rs.next();
        assertEquals(4, rs.getInt(1));
      }
      // The client reaches the Temporal server the test passed in by address.
      assertTrue(
          worker
              .resources()
              .client()
              .getWorkflowServiceStubs()
              .blockingStub()
              .getSystemInfo(
                  io.temporal.api.workflowservice.v1.GetSystemInfoRequest.getDefaultInstance())
              .isInitialized());
      assertEquals(SharedEngines.mongo().uri(), worker.resources().config().mongo().url());
    }
  }

  @Test
  void unreachableMongoFailsAtStartNamingTheVariable() {
    Map<String, String> env =
        new java.util.HashMap<>(externalEndpoints(SharedEngines.newPostgresDatabase()));
    env.put("RECON_MONGO_URI", "mongodb://127.0.0.1:" + Ports.free());
    EndpointUnavailableException e =
        assertThrows(
            EndpointUnavailableException.class, () -> ReconWorker.start(ReconConfig.fromEnv(env)));
    assertTrue(e.getMessage().startsWith("MongoDB is unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("RECON_MONGO_URI"), e.getMessage());
  }

  @Test
  void unreachablePostgresFailsAtStartNamingTheVariable() {
    Map<String, String> env = new java.util.HashMap<>(externalEndpoints("unused"));
    env.put("RECON_SOURCE_URL", "jdbc:postgresql://127.0.0.1:" + Ports.free() + "/postgres");
    EndpointUnavailableException e =
        assertThrows(
            EndpointUnavailableException.class, () -> ReconWorker.start(ReconConfig.fromEnv(env)));
    assertTrue(e.getMessage().startsWith("PostgreSQL source is unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("RECON_SOURCE_URL"), e.getMessage());
  }

  @Test
  void unreachableTemporalFailsAtStartNamingTheVariable() {
    Map<String, String> env = new java.util.HashMap<>(externalEndpoints("unused"));
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + Ports.free());
    EndpointUnavailableException e =
        assertThrows(
            EndpointUnavailableException.class, () -> ReconWorker.start(ReconConfig.fromEnv(env)));
    assertTrue(e.getMessage().startsWith("Temporal is unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains("TEMPORAL_ADDRESS"), e.getMessage());
  }
}
