package io.recon.starter.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ReconConfig;
import io.recon.starter.TemporalConnections;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs a workflow and an activity through clients built by {@link TemporalConnections}, then reads
 * the history as the server stores it, without the codec, the way anyone with access to the cluster
 * could.
 */
class EncryptedHistoryTest {
  private static final String QUEUE = "codec-test";
  private static final String MARKER = EncryptionCodecTest.MARKER;

  @WorkflowInterface
  public interface GreetWorkflow {
    @WorkflowMethod
    String greet(String who);
  }

  @ActivityInterface
  public interface GreetActivities {
    String lookUp(String who);
  }

  public static class GreetWorkflowImpl implements GreetWorkflow {
    private final GreetActivities activities =
        Workflow.newActivityStub(
            GreetActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String greet(String who) {
      return "hello " + activities.lookUp(who);
    }
  }

  public static class GreetActivitiesImpl implements GreetActivities {
    @Override
    public String lookUp(String who) {
      return who + " (found)";
    }
  }

  private TestWorkflowEnvironment testEnv;
  private WorkerFactory factory;

  @BeforeEach
  void startServer() {
    testEnv = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stopServer() {
    if (factory != null) {
      factory.shutdownNow();
    }
    testEnv.close();
  }

  @Test
  void historyHoldsNoPlainPayloadWhileTheWorkflowStillReturnsItsResult() {
    Map<String, String> env = Map.of("RECON_PAYLOAD_KEY", EncryptionCodecTest.newKey());
    String result = run(env, "encrypted");

    assertEquals("hello " + MARKER + " (found)", result);
    History history = rawHistory("encrypted");
    assertFalse(history.toByteString().toStringUtf8().contains(MARKER));
    String json = new WorkflowExecutionHistory(history, "encrypted").toJson(true);
    assertFalse(json.contains(MARKER));
    Payload input =
        history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertEquals("binary/encrypted", input.getMetadataOrThrow("encoding").toStringUtf8());
  }

  @Test
  void withoutTheKeyTheSameHistoryShowsTheMarker() {
    // The control: proves that the assertion above would see a payload left in clear.
    String result = run(Map.of(), "plain");

    assertEquals("hello " + MARKER + " (found)", result);
    assertTrue(rawHistory("plain").toByteString().toStringUtf8().contains(MARKER));
  }

  private String run(Map<String, String> env, String workflowId) {
    ReconConfig config = ReconConfig.fromEnv(Map.of());
    WorkflowClient client =
        TemporalConnections.client(testEnv.getWorkflowServiceStubs(), config, env);
    factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(GreetWorkflowImpl.class);
    worker.registerActivitiesImplementations(new GreetActivitiesImpl());
    factory.start();
    GreetWorkflow stub =
        client.newWorkflowStub(
            GreetWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
    return stub.greet(MARKER);
  }

  private History rawHistory(String workflowId) {
    return testEnv
        .getWorkflowServiceStubs()
        .blockingStub()
        .getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(ReconConfig.DEFAULT_NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getHistory();
  }
}
