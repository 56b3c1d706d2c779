package io.recon.starter;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts, queries and signals cycles: what {@code recon run}, {@code recon status}, {@code recon
 * approve} and services that start cycles from code all use.
 */
public final class CycleClient {
  private final WorkflowClient client;
  private final String taskQueue;
  private final CycleStore store;
  private final Clock clock;

  public CycleClient(WorkflowClient client, String taskQueue, CycleStore store, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Starts a cycle and returns its workflow id.
   *
   * @param id the workflow id, or null for {@code recon-<spec>-<now, UTC>}; see {@link
   *     CycleIds#SAFE} for what an id may hold
   * @throws CycleAlreadyRunningException when a cycle of the same job is still running
   * @throws IllegalArgumentException when {@code id} is not a safe cycle id
   */
  public String start(JobSpec spec, Mode mode, String initiator, String id) {
    if (id != null) {
      CycleIds.requireSafe(id);
    }
    for (String active : store.activeCycles(spec.name())) {
      if (isRunning(active)) {
        throw new CycleAlreadyRunningException(spec.name(), active);
      }
      // The store says open but Temporal says the workflow is gone (terminated, timed out):
      // close the stale row so it no longer blocks the job.
      store.markAbandoned(active, "the cycle's workflow is no longer running");
    }
    String cycleId = id != null ? id : CycleIds.of(spec.name(), clock.instant());
    ReconciliationWorkflow workflow =
        client.newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(cycleId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(workflow::reconcile, new CycleRequest(spec, mode, initiator));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new IllegalArgumentException(
          "cycle id '" + cycleId + "' is already used by another cycle; choose another --id");
    }
    return cycleId;
  }

  /** Whether the cycle's workflow is running now. */
  public boolean isRunning(String cycleId) {
    return executionStatus(cycleId)
        .map(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }

  /** The workflow's execution status, or empty when Temporal knows no such workflow. */
  public Optional<WorkflowExecutionStatus> executionStatus(String cycleId) {
    try {
      return Optional.of(
          client.newUntypedWorkflowStub(cycleId).describe().getWorkflowExecutionInfo().getStatus());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The live {@code status} query of a running cycle. */
  public CycleStatus queryStatus(String cycleId) {
    return client.newWorkflowStub(ReconciliationWorkflow.class, cycleId).status();
  }

  /** Sends the {@code approve} or {@code reject} signal with one JSON-able payload. */
  public void signal(String cycleId, String signalName, Object payload) {
    WorkflowStub stub = client.newUntypedWorkflowStub(cycleId);
    stub.signal(signalName, payload);
  }

  public WorkflowClient workflowClient() {
    return client;
  }
}
