package io.recon.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.recon.core.config.ReconConfig;
import io.recon.core.spec.JobSpec;
import io.recon.embedded.EmbeddedMongoEngine;
import io.recon.embedded.testing.DeployMetricNames;
import io.recon.embedded.testing.SharedEngines;
import io.recon.worker.CycleFixture;
import io.recon.worker.ReconWorker;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A real worker on the embedded engines, scraped over HTTP after real cycles: every metric that the
 * Grafana dashboard and the alert rules in deploy/ query must be among the series it exposes, so
 * renaming a meter, or a panel querying a name nobody exports, fails here.
 */
class DashboardMetricsIT {
  private static final String SPEC =
      """
      name: dash
      owner: ops
      source: { table: public.accounts, key: [id] }
      target: { database: ${db}, collection: accounts, key: [_id] }
      fields:
        - { source: email, target: email, type: string, severity: high }
      partitions: 2
      parallelism: 2
      settle: 0s
      schedule: "*/30 * * * *"
      repair: { auto: [low, medium, high], maxDivergenceRatio: 0.5 }
      feed: { window: 5s }
      """;

  /** 50 accounts; id 7 missing, 8 and 9 mismatched, 900 an orphan. */
  private static void seed(CycleFixture f) {
    f.sql(
        "create table accounts (id bigint primary key, email text)",
        "insert into accounts select g, 'a' || g || '@x' from generate_series(1, 50) g");
    List<Document> docs = new ArrayList<>();
    for (long id = 1; id <= 50; id++) {
      if (id != 7) {
        docs.add(
            new Document("_id", id)
                .append("email", id == 8 || id == 9 ? "old@x" : "a" + id + "@x"));
      }
    }
    docs.add(new Document("_id", 900L).append("email", "ghost@x"));
    f.collection("accounts").insertMany(docs);
  }

  @Test
  void everyMetricTheDashboardAndAlertsQueryIsExposedAfterACycle() throws Exception {
    Set<String> referenced = DeployMetricNames.referencedMetricNames(DeployMetricNames.repoRoot());
    assertTrue(referenced.size() > 20, "names read from deploy/: " + referenced);
    try (CycleFixture f = new CycleFixture()) {
      int port = f.worker.metricsPort();
      HttpResponse<String> health = Scrape.get(port, "/healthz");
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(health.body().startsWith("{\"status\":\"ready\""), health.body());

      seed(f);
      JobSpec spec = f.spec(SPEC);
      CycleResult result = f.await(f.start(spec, Mode.FULL));
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      provokeTheFailureSeries(f);

      Scrape scrape = awaitSeries(port, referenced);
      Map<String, String> dash = Map.of("spec", "dash");
      assertEquals(51, scrape.sum("recon_records_compared_total", dash));
      assertEquals(4, scrape.sum("recon_discrepancies_total", dash));
      assertEquals(
          2,
          scrape.sum(
              "recon_discrepancies_total",
              Map.of("spec", "dash", "kind", "MISMATCH", "severity", "HIGH")));
      assertEquals(2, scrape.sum("recon_range_duration_seconds_count", dash));
      assertEquals(
          1,
          scrape.sum(
              "recon_cycle_duration_seconds_count", Map.of("spec", "dash", "status", "COMPLETED")));
      assertEquals(4.0 / 51, scrape.sum("recon_divergence_ratio", dash), 1e-9);
      assertEquals(1800, scrape.sum("recon_schedule_period_seconds", dash));
      assertEquals(0.5, scrape.sum("recon_gate_threshold", dash));
      // A spec with a feed section has its feed meters from its first activity, before any change.
      assertEquals(0, scrape.sum("recon_feed_changes_total", dash));
      assertEquals(0, scrape.sum("recon_feed_change_to_verdict_seconds_count", dash));
      // Missing 7 and mismatched 8 and 9 were repaired and verified; orphan 900 is only reported.
      assertEquals(
          3, scrape.sum("recon_repairs_total", Map.of("spec", "dash", "outcome", "applied")));
      assertEquals(3, scrape.sum("recon_time_to_remediation_seconds_count", dash));
      double lastSuccess = scrape.sum("recon_last_success_timestamp_seconds", dash);
      assertTrue(
          Math.abs(System.currentTimeMillis() / 1000.0 - lastSuccess) < 120,
          "last success " + lastSuccess);
    }
  }

  /**
   * A healthy cycle fails nothing, yet the dashboard and alerts watch activity and request
   * failures: a spec naming a missing column fails its first activity, and a describe of an unknown
   * workflow fails one request, so that those series are checked by name too.
   */
  private static void provokeTheFailureSeries(CycleFixture f) {
    JobSpec broken =
        f.spec(
            SPEC.replace("name: dash", "name: broken").replace("source: email", "source: emial"));
    String cycleId = f.start(broken, Mode.FULL);
    assertThrows(ExecutionException.class, () -> f.await(cycleId));
    assertThrows(
        RuntimeException.class,
        () ->
            f.worker
                .resources()
                .client()
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(f.worker.resources().config().temporalNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("no-such-cycle"))
                        .build()));
  }

  /**
   * Scrapes until every referenced series is there: the SDK reports every second and the gauges
   * refresh right after CloseCycle, both off the test's thread.
   */
  private static Scrape awaitSeries(int port, Set<String> referenced) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      Scrape scrape = Scrape.of(port);
      Set<String> missing = new TreeSet<>(referenced);
      missing.removeAll(scrape.names());
      if (missing.isEmpty()
          && scrape.sum("recon_last_success_timestamp_seconds", Map.of("spec", "dash")) > 0) {
        return scrape;
      }
      if (System.currentTimeMillis() > deadline) {
        List<String> explained = new ArrayList<>();
        for (String name : missing) {
          String family = DeployMetricNames.family(name);
          boolean familyExposed =
              scrape.names().stream().anyMatch(n -> DeployMetricNames.family(n).equals(family));
          explained.add(name + (familyExposed ? " (its family " + family + " is exposed)" : ""));
        }
        fail(
            "deploy/ queries series the worker does not expose: " + explained + "\n" + scrape.text);
      }
      Thread.sleep(500);
    }
  }

  @Test
  void healthzNamesMongoDbWhenItStopsAnswering() throws Exception {
    EmbeddedMongoEngine doomed = EmbeddedMongoEngine.startEphemeral();
    try {
      ReconConfig config =
          ReconConfig.fromEnv(
              Map.of(
                  "TEMPORAL_ADDRESS", SharedEngines.temporal().address(),
                  "RECON_SOURCE_URL", SharedEngines.newPostgresDatabase(),
                  "RECON_MONGO_URI", doomed.uri(),
                  "RECON_TASK_QUEUE", "healthz-it",
                  "RECON_METRICS_PORT", "0"));
      try (ReconWorker worker = ReconWorker.start(config)) {
        HttpResponse<String> up = Scrape.get(worker.metricsPort(), "/healthz");
        assertEquals(200, up.statusCode(), up.body());

        doomed.close();
        HttpResponse<String> down = Scrape.get(worker.metricsPort(), "/healthz");

        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("\"down\":[\"MongoDB\"]"), down.body());
        assertTrue(down.body().contains("\"Temporal\":\"up\""), down.body());
      }
    } finally {
      doomed.close();
    }
  }
}
