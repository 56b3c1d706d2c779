package io.recon.workflows.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduledCyclesWorkflowTest {
  private static final String QUEUE = "schedule-test";
  private static final Pattern DEFAULT_ID =
      Pattern.compile("recon-orders-\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-hjkmnp-tv-z]{8}");

  /** The workflow ids the fires started their cycles under, as the cycle saw them. */
  static final List<String> STARTED = new CopyOnWriteArrayList<>();

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  /** Stands in for the cycle: records its id and fails, which a fire logs and goes past. */
  public static class RecordingCycle implements DynamicWorkflow {
    @Override
    public Object execute(EncodedValues args) {
      STARTED.add(Workflow.getInfo().getWorkflowType() + " " + Workflow.getInfo().getWorkflowId());
      throw ApplicationFailure.newNonRetryableFailure("not a real cycle", "TEST");
    }
  }

  @AfterEach
  void close() {
    env.close();
    STARTED.clear();
  }

  @Test
  void eachFireStartsItsCycleUnderADistinctDefaultId() {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(
        ScheduledCyclesWorkflowImpl.class, RecordingCycle.class);
    env.start();

    String first = fire("fire-1");
    String second = fire("fire-2");

    assertTrue(DEFAULT_ID.matcher(first).matches(), first);
    assertTrue(DEFAULT_ID.matcher(second).matches(), second);
    assertEquals(first, CycleIds.requireSafe(first));
    assertNotEquals(first, second);
    assertEquals(
        List.of(
            ReconciliationWorkflow.TYPE + " " + first, ReconciliationWorkflow.TYPE + " " + second),
        STARTED);
  }

  private String fire(String workflowId) {
    ScheduledCyclesWorkflow schedule =
        env.getWorkflowClient()
            .newWorkflowStub(
                ScheduledCyclesWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(QUEUE)
                    .setWorkflowId(workflowId)
                    .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                    .build());
    return schedule.runScheduledCycle(
        new ScheduleRequest(TestSpecs.job(1, 1, Duration.ZERO), "nightly"));
  }
}
