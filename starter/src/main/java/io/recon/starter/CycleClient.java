package io.recon.starter;

import io.grpc.StatusRuntimeException;
import io.recon.core.spec.JobSpec;
import io.recon.starter.view.Retrying;
import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

  /** Partitions described per call; a cycle runs at most {@code parallelism} at once. */
  private static final int MAX_CHILDREN_DESCRIBED = 64;

  public CycleClient(WorkflowClient client, String taskQueue, CycleStore store, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Starts a cycle and returns its workflow id.
   *
   * @param id the workflow id, or null for {@code recon-<spec>-<now, UTC>}
   * @throws CycleAlreadyRunningException when a cycle of the same job is still running
   */
  public String start(JobSpec spec, Mode mode, String initiator, String id) {
    for (String active : store.activeCycles(spec.name())) {
      if (isRunning(active)) {
        throw new CycleAlreadyRunningException(spec.name(), active);
      }
      // The store says open but Temporal says the workflow is gone (terminated, timed out):
      // close the stale row so it no longer blocks the job.
      store.markAbandoned(active, "the cycle's workflow is no longer running");
    }
    String cycleId = id != null ? id : CycleIds.of(spec.name(), clock.instant());
    // Untyped: the workflow takes its input raw and validates it itself; the stub sends the
    // request as the JSON the workflow reads.
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(
            ReconciliationWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(cycleId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      workflow.start(new CycleRequest(spec, mode, initiator));
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

  /**
   * The activities of a running cycle that are being retried, in the cycle's own workflow and in
   * its partitions still running, with their attempt and last error. Empty when nothing failed, and
   * when the cycle is not running.
   */
  public List<Retrying> retrying(String cycleId) {
    List<Retrying> retrying = new ArrayList<>();
    DescribeWorkflowExecutionResponse parent;
    try {
      parent = describe(WorkflowExecution.newBuilder().setWorkflowId(cycleId).build());
    } catch (StatusRuntimeException e) {
      return List.of();
    }
    collect(cycleId, parent, retrying);
    parent.getPendingChildrenList().stream()
        .limit(MAX_CHILDREN_DESCRIBED)
        .forEach(
            child -> {
              try {
                WorkflowExecution execution =
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(child.getWorkflowId())
                        .setRunId(child.getRunId())
                        .build();
                collect(child.getWorkflowId(), describe(execution), retrying);
              } catch (StatusRuntimeException e) {
                // The child closed between the two calls: nothing of it is retrying any more.
              }
            });
    return retrying;
  }

  private DescribeWorkflowExecutionResponse describe(WorkflowExecution execution) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(execution)
                .build());
  }

  private void collect(
      String workflowId, DescribeWorkflowExecutionResponse described, List<Retrying> into) {
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      if (activity.getAttempt() > 1 && activity.hasLastFailure()) {
        into.add(
            new Retrying(
                activity.getActivityType().getName(),
                workflowId,
                activity.getAttempt(),
                activity.getMaximumAttempts(),
                lastError(activity.getLastFailure())));
      }
    }
  }

  /** The last failure as its type and message, decoded first when payloads are encrypted. */
  private String lastError(Failure failure) {
    Throwable decoded;
    try {
      decoded = client.getOptions().getDataConverter().failureToException(failure);
    } catch (RuntimeException e) {
      return failure.getMessage();
    }
    for (Throwable t = decoded; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        String type = app.getType() == null ? "" : app.getType();
        return type.substring(type.lastIndexOf('.') + 1) + ": " + oneLine(app.getOriginalMessage());
      }
    }
    return oneLine(decoded.getMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
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
