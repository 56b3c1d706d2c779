package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.store.SpecRegistry;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Cycles started as a client in any language starts them: the flat JSON input naming a registered
 * spec, or holding the spec inline in its YAML keys and values, sent through an untyped stub.
 */
class StartByNameCycleIT {
  private static final String SPEC =
      """
      name: members
      owner: crm-team
      approvers: [alice]
      source: { table: public.members, key: [id] }
      target: { database: ${db}, collection: members, key: [_id] }
      fields:
        - { source: email, target: email, type: string, severity: %s }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [], approvalTimeout: 1s, maxDivergenceRatio: 1 }
      """;

  /** Ten members; member 4's copy has a stale email. */
  private static void seed(CycleFixture f) {
    f.sql(
        "create table members (id bigint primary key, email text)",
        "insert into members select g, 'm' || g || '@x.org' from generate_series(1, 10) g");
    List<Document> docs = new ArrayList<>();
    for (long id = 1; id <= 10; id++) {
      docs.add(
          new Document("_id", id).append("email", id == 4 ? "old@x.org" : "m" + id + "@x.org"));
    }
    f.collection("members").insertMany(docs);
  }

  private static WorkflowStub start(CycleFixture f, String id, Map<String, Object> input) {
    WorkflowStub stub =
        f.worker
            .resources()
            .client()
            .newUntypedWorkflowStub(
                ReconciliationWorkflow.TYPE,
                WorkflowOptions.newBuilder().setTaskQueue(f.taskQueue).setWorkflowId(id).build());
    stub.start(input);
    return stub;
  }

  private static CycleResult result(WorkflowStub stub) throws Exception {
    return stub.getResultAsync(CycleResult.class).get(120, TimeUnit.SECONDS);
  }

  @Test
  void aCycleStartedByNameRunsTheRegisteredVersionAndRecordsIt() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      var registry = new SpecRegistry(f.worker.resources().store(), Clock.systemUTC());
      String v1 = SPEC.formatted("low").replace("${db}", f.mongoDb);
      String v2 = SPEC.formatted("high").replace("${db}", f.mongoDb);
      registry.apply(f.spec(v1), v1, "alice");
      registry.apply(f.spec(v2), v2, "bob");

      WorkflowStub stub =
          start(
              f,
              "recon-members-by-name",
              Map.of("spec", "members", "mode", "full", "initiator", "billing-service"));
      CycleResult result = result(stub);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(1, result.counts().persistent().mismatch());
      assertEquals(
          List.of(List.of("2", f.spec(v2).canonicalHash(), "billing-service")),
          f.rows(
              "select spec_version, spec_hash, initiator from recon.cycle"
                  + " where cycle_id = 'recon-members-by-name'"));
      assertEquals(
          List.of(List.of("HIGH")),
          f.rows(
              "select severity from recon.discrepancy where cycle_id = 'recon-members-by-name'"));
      String started =
          f.rows(
                  "select detail from recon.audit_event where action = 'cycle.started'"
                      + " and cycle_id = 'recon-members-by-name'")
              .get(0)
              .get(0);
      assertTrue(started.contains("\"specVersion\":2"), started);

      CycleResult pinned =
          result(
              start(
                  f,
                  "recon-members-v1",
                  Map.of("spec", "members", "version", 1, "initiator", "billing-service")));
      assertEquals(CycleState.COMPLETED, pinned.state(), pinned.message());
      assertEquals(
          List.of(List.of("1", "LOW")),
          f.rows(
              "select c.spec_version, d.severity from recon.cycle c join recon.discrepancy d"
                  + " using (cycle_id) where cycle_id = 'recon-members-v1'"));
    }
  }

  @Test
  void aCycleWithAnInlineSpecInItsYamlFormRuns() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      Map<String, Object> spec =
          new Yaml().load(SPEC.formatted("medium").replace("${db}", f.mongoDb));

      CycleResult result =
          result(
              start(
                  f,
                  "recon-members-inline",
                  Map.of("spec", spec, "mode", "full", "initiator", "ts-client")));

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(1, result.counts().persistent().mismatch());
      assertEquals(
          List.of(java.util.Arrays.asList((String) null)),
          f.rows("select spec_version from recon.cycle where cycle_id = 'recon-members-inline'"));
    }
  }

  @Test
  void anUnknownSpecNameFailsTheCycleAtOnce() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      WorkflowStub stub =
          start(f, "recon-ghost", Map.of("spec", "ghost", "initiator", "billing-service"));
      var e = assertThrows(ExecutionException.class, () -> result(stub));
      var failed = assertInstanceOf(WorkflowFailedException.class, e.getCause());
      var app = assertInstanceOf(ApplicationFailure.class, failed.getCause());
      assertEquals("UNKNOWN_SPEC", app.getType());
      assertTrue(
          app.getOriginalMessage().contains("unknown spec 'ghost'"), app.getOriginalMessage());
    }
  }
}
