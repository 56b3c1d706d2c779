package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Payloads;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flat start input any client can send: a registered spec by name (resolved by the worker, the
 * version pinned on the cycle), or an inline spec in the YAML file's own keys and values.
 */
class StartByNameTest {
  private final FakeStore store = new FakeStore();
  private final FakeCompare compare = new FakeCompare();
  private final TestCluster cluster = new TestCluster(compare, store);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aCycleStartedByNameRunsTheLatestVersionAndPinsIt() {
    store.registry.put(
        "orders", List.of(TestSpecs.job(1, 1, Duration.ZERO), TestSpecs.job(2, 1, Duration.ZERO)));

    WorkflowStub stub =
        start(
            "recon-orders-by-name",
            "{\"spec\": \"orders\", \"mode\": \"full\", \"initiator\": \"billing-service\"}");

    assertEquals(CycleState.COMPLETED, stub.getResult(CycleResult.class).state());
    assertEquals(List.of(new SpecRef("orders", null)), store.resolved);
    assertEquals(2, store.opened.get(0).specVersion());
    assertEquals(2, compare.compared.size(), "version 2 has two partitions");
    assertEquals("billing-service", store.opened.get(0).initiator());
  }

  @Test
  void aVersionAndASettleOverrideAreHonoured() {
    store.registry.put(
        "orders", List.of(TestSpecs.job(1, 1, Duration.ZERO), TestSpecs.job(2, 1, Duration.ZERO)));

    WorkflowStub stub =
        start(
            "recon-orders-v1",
            "{\"spec\": \"orders\", \"version\": 1, \"mode\": \"incremental\","
                + " \"initiator\": \"svc\", \"settle\": \"0s\"}");

    assertEquals(CycleState.COMPLETED, stub.getResult(CycleResult.class).state());
    assertEquals(1, store.opened.get(0).specVersion());
    assertEquals(Mode.INCREMENTAL, store.opened.get(0).mode());
    assertEquals(Duration.ZERO, store.opened.get(0).spec().settle());
    assertEquals(1, compare.compared.size());
  }

  @Test
  void continueAsNewKeepsThePinnedVersionEvenWhenANewerOneIsApplied() throws Exception {
    var runStore = new FakeStore();
    var runCompare = new FakeCompare();
    runStore.registry.put("orders", List.of(TestSpecs.job(1, 1, Duration.ZERO)));
    try (var small =
        new TestCluster(
            runCompare, runStore, () -> new ReconciliationWorkflowImpl(new RunBudget(3)))) {
      java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
      runCompare.release = first;
      runStore.registry.put(
          "orders",
          List.of(TestSpecs.job(1, 1, Duration.ZERO), TestSpecs.job(7, 2, Duration.ZERO)));
      ReconciliationWorkflow cycle = small.cycle("recon-orders-pinned");
      io.temporal.client.WorkflowClient.start(
          cycle::reconcile, Payloads.json("{\"spec\": \"orders\", \"initiator\": \"svc\"}"));
      runCompare.awaitInFlight(1);
      // Version 3 is applied while version 2 runs: the cycle's later runs must not pick it up.
      runStore.registry.put(
          "orders",
          List.of(
              TestSpecs.job(1, 1, Duration.ZERO),
              TestSpecs.job(7, 2, Duration.ZERO),
              TestSpecs.job(20, 2, Duration.ZERO)));
      first.countDown();
      runCompare.release = null;

      CycleResult result = TestCluster.result(cycle);

      assertEquals(CycleState.COMPLETED, result.state());
      assertEquals(7, runCompare.compared.size(), "version 2's seven ranges, across runs");
      assertEquals(1, runStore.resolved.size(), "resolved once, when the cycle opened");
      assertEquals(2, runStore.opened.get(0).specVersion());
      assertTrue(ContinueAsNewTest.runLengths(small, cycle).size() > 1, "it continued as new");
    }
  }

  @Test
  void anUnknownSpecFailsTheCycleAtOnceAsUnknownSpec() {
    ApplicationFailure f =
        failureOf(start("recon-nope", "{\"spec\": \"nope\", \"initiator\": \"svc\"}"));
    assertEquals("UNKNOWN_SPEC", f.getType());
    assertTrue(f.getOriginalMessage().contains("nope"), f.getOriginalMessage());
    assertEquals(1, store.resolved.size(), "a non-retryable failure is tried once");
  }

  @Test
  void anInlineSpecInTheYamlFormRuns() {
    String input =
        """
        {"spec": {"name": "orders", "owner": "shop-team", "approvers": ["alice"],
                  "source": {"table": "public.orders", "key": ["id"], "updatedAt": null},
                  "target": {"database": "shop", "collection": "orders", "key": ["_id"]},
                  "fields": [{"source": "status", "target": "status", "type": "string",
                              "severity": "high"}],
                  "partitions": 3, "parallelism": 2, "settle": "0s",
                  "repair": {"auto": ["low"], "approvalTimeout": "2h"}},
         "mode": "full", "initiator": "ts-client"}
        """;

    WorkflowStub stub = start("recon-orders-inline", input);

    assertEquals(CycleState.COMPLETED, stub.getResult(CycleResult.class).state());
    var opened = store.opened.get(0);
    assertNull(opened.specVersion());
    assertEquals(3, compare.compared.size());
    assertEquals(Duration.ofHours(2), opened.spec().repair().approvalTimeout());
    assertEquals(io.recon.core.spec.Severity.HIGH, opened.spec().fields().get(0).severity());
    assertTrue(store.resolved.isEmpty(), "an inline spec never reads the registry");
  }

  @Test
  void aBadInlineSpecIsABadRequestNamingTheKeyPath() {
    String input =
        """
        {"spec": {"name": "orders", "owner": "shop-team",
                  "source": {"table": "public.orders", "key": ["id"]},
                  "target": {"database": "shop", "collection": "orders", "key": ["_id"]},
                  "fields": [{"source": "status", "target": "status", "type": "strin"}]},
         "initiator": "ts-client"}
        """;
    ApplicationFailure f = failureOf(start("recon-orders-bad-inline", input));
    assertEquals("BAD_REQUEST", f.getType());
    assertTrue(
        f.getOriginalMessage().startsWith("the start input's field 'spec.fields[0].type': "),
        f.getOriginalMessage());
  }

  @Test
  void badFlatFieldsAreNamed() {
    assertEquals(
        "the start input's field 'version': must be a whole number >= 1, not 0",
        failureOf(start("recon-b1", "{\"spec\": \"orders\", \"version\": 0, \"initiator\": \"x\"}"))
            .getOriginalMessage());
    assertEquals(
        "the start input's field 'initiator': is required (who starts the cycle)",
        failureOf(start("recon-b2", "{\"spec\": \"orders\"}")).getOriginalMessage());
    assertTrue(
        failureOf(start("recon-b3", "{\"spec\": \"orders\", \"initiator\": \"x\", \"mod\": 1}"))
            .getOriginalMessage()
            .contains("unknown field 'mod'"));
    assertTrue(
        failureOf(start("recon-b4", "{\"spec\": \"Orders!\", \"initiator\": \"x\"}"))
            .getOriginalMessage()
            .startsWith("the start input's field 'spec': 'Orders!' is not a spec name"));
    assertTrue(
        failureOf(
                start(
                    "recon-b5",
                    "{\"spec\": \"orders\", \"initiator\": \"x\", \"settle\": \"30 seconds\"}"))
            .getOriginalMessage()
            .startsWith("the start input's field 'settle': "));
    assertTrue(store.resolved.isEmpty());
  }

  private WorkflowStub start(String id, String json) {
    WorkflowStub stub =
        cluster.client.newUntypedWorkflowStub(
            ReconciliationWorkflow.TYPE,
            WorkflowOptions.newBuilder().setTaskQueue(TestCluster.QUEUE).setWorkflowId(id).build());
    stub.start(Payloads.json(json));
    return stub;
  }

  private ApplicationFailure failureOf(WorkflowStub stub) {
    var e = assertThrows(WorkflowFailedException.class, () -> stub.getResult(CycleResult.class));
    assertTrue(store.opened.isEmpty(), "a refused start opens no cycle in the store");
    return assertInstanceOf(ApplicationFailure.class, e.getCause());
  }
}
