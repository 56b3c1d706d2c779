package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.input.RawJson;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a client in any language may send as a cycle's start input. Every bad one fails the workflow
 * at once as BAD_REQUEST naming the field; none becomes a workflow task that the server retries
 * forever (which would hang these tests).
 */
class StartInputTest {
  private final FakeStore store = new FakeStore();
  private final TestCluster cluster = new TestCluster(new FakeCompare(), store);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aValidJsonRequestRuns() throws Exception {
    String json =
        RawJson.MAPPER.writeValueAsString(
            new CycleRequest(TestSpecs.job(2, 1, Duration.ZERO), Mode.FULL, "ts-client"));

    WorkflowStub stub = start("recon-orders-json", Payloads.json(json));

    assertEquals(CycleState.COMPLETED, stub.getResult(CycleResult.class).state());
  }

  @Test
  void truncatedJsonIsABadRequest() {
    ApplicationFailure f = failureOf(start("recon-bad-1", Payloads.json("{\"spec\": {\"name\"")));
    assertEquals("BAD_REQUEST", f.getType());
    assertTrue(f.getOriginalMessage().startsWith("the start input payload is not valid JSON"));
  }

  @Test
  void bytesThatAreNotJsonAreABadRequest() {
    ApplicationFailure f =
        failureOf(start("recon-bad-2", Payloads.raw("binary/plain", new byte[] {1, 2, 3})));
    assertEquals(
        "the start input payload is not JSON (encoding binary/plain)", f.getOriginalMessage());
  }

  @Test
  void aJsonValueThatIsNotAnObjectIsABadRequest() {
    ApplicationFailure f = failureOf(start("recon-bad-3", Payloads.json("\"orders\"")));
    assertTrue(f.getOriginalMessage().contains("must be a JSON object"), f.getOriginalMessage());
  }

  @Test
  void aMissingFieldIsNamed() throws Exception {
    String json =
        RawJson.MAPPER.writeValueAsString(
            new CycleRequest(TestSpecs.job(2, 1, Duration.ZERO), Mode.FULL, "x"));
    ApplicationFailure f =
        failureOf(
            start("recon-bad-4", Payloads.json(json.replace("\"initiator\":\"x\"", "\"a\":1"))));
    assertEquals("BAD_REQUEST", f.getType());
    assertTrue(f.getOriginalMessage().contains("initiator is required"), f.getOriginalMessage());
  }

  @Test
  void aWrongValueDeepInTheSpecIsNamedByItsPath() throws Exception {
    String json =
        RawJson.MAPPER.writeValueAsString(
            new CycleRequest(TestSpecs.job(2, 1, Duration.ZERO), Mode.FULL, "x"));
    ApplicationFailure f =
        failureOf(start("recon-bad-5", Payloads.json(json.replace("\"FULL\"", "\"SOMETIMES\""))));
    assertEquals("BAD_REQUEST", f.getType());
    assertTrue(
        f.getOriginalMessage().startsWith("the start input's field 'mode': "),
        f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("SOMETIMES"), f.getOriginalMessage());
  }

  @Test
  void noInputAtAllIsABadRequest() {
    WorkflowStub stub =
        cluster.client.newUntypedWorkflowStub(
            ReconciliationWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TestCluster.QUEUE)
                .setWorkflowId("recon-bad-6")
                .build());
    stub.start();
    ApplicationFailure f = failureOf(stub);
    assertEquals("BAD_REQUEST", f.getType());
  }

  private WorkflowStub start(String id, Object input) {
    WorkflowStub stub =
        cluster.client.newUntypedWorkflowStub(
            ReconciliationWorkflow.TYPE,
            WorkflowOptions.newBuilder().setTaskQueue(TestCluster.QUEUE).setWorkflowId(id).build());
    stub.start(input);
    return stub;
  }

  private ApplicationFailure failureOf(WorkflowStub stub) {
    var e = assertThrows(WorkflowFailedException.class, () -> stub.getResult(CycleResult.class));
    assertTrue(store.opened.isEmpty(), "a bad request opens no cycle in the store");
    return assertInstanceOf(ApplicationFailure.class, e.getCause());
  }
}
