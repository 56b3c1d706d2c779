package io.recon.workflows;

import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.ReconciliationWorkflowImpl;
import io.recon.workflows.feed.FeedWorkflow;
import io.recon.workflows.feed.FeedWorkflowImpl;
import io.recon.workflows.partition.PartitionWorkflowImpl;
import io.recon.workflows.testing.ApprovalScenario;
import io.recon.workflows.testing.CycleScenario;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded by {@link HistoryRecordingTest}, so a change that would break running
 * workflows fails the build. Such a change needs {@code Workflow.getVersion}, not a new recording.
 */
class ReplayTest {

  @Test
  void recordedCycleReplaysDeterministically() throws Exception {
    // The workflow id matters: children are named after it.
    replay(
        WorkflowExecutionHistory.fromJson(history("cycle-full.json"), CycleScenario.CYCLE_ID),
        ReconciliationWorkflowImpl.class);
  }

  @Test
  void recordedCycleWithApprovalReplaysDeterministically() throws Exception {
    replay(
        WorkflowExecutionHistory.fromJson(
            history("cycle-approval.json"), ApprovalScenario.CYCLE_ID),
        ReconciliationWorkflowImpl.class);
  }

  @Test
  void recordedPartitionReplaysDeterministically() throws Exception {
    replay(
        WorkflowExecutionHistory.fromJson(
            history("partition-recheck.json"), CycleIds.partition(CycleScenario.CYCLE_ID, 0)),
        PartitionWorkflowImpl.class);
  }

  @Test
  void recordedFeedWithOneKeySetCycleAndAStopReplaysDeterministically() throws Exception {
    replay(
        WorkflowExecutionHistory.fromJson(
            history("feed-cycle-stop.json"), FeedWorkflow.id("orders")),
        FeedWorkflowImpl.class);
  }

  @Test
  void recordedFeedThatClaimsBeforeItStartsACycleReplaysDeterministically() throws Exception {
    replay(
        WorkflowExecutionHistory.fromJson(
            history("feed-claims-stop.json"), FeedWorkflow.id("orders")),
        FeedWorkflowImpl.class);
  }

  /**
   * Replays on a worker whose deadlock detector allows 30 s instead of 1 s: on a loaded two-core
   * machine the first workflow task of a cold JVM can take over a second to load the SDK's and
   * Jackson's classes. That says nothing about determinism, which fails with a
   * NonDeterministicException whatever the timeout.
   */
  private static void replay(WorkflowExecutionHistory history, Class<?> workflow) throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              "replay",
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
      worker.registerWorkflowImplementationTypes(workflow);
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }

  private static String history(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing recorded history " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
