package io.recon.starter;

import io.grpc.StatusRuntimeException;
import io.recon.activities.store.CycleAbandoner;
import io.recon.core.canonical.Displays;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.approval.Verdict;
import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.cycle.Retrying;
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
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts, queries, signals and cancels cycles, and closes lost ones: what {@code recon run}, {@code
 * recon status}, {@code recon approve}, {@code recon cancel}, the worker at start, and services
 * that start cycles from code all use.
 */
public final class CycleClient {
  private final WorkflowClient client;
  private final String taskQueue;
  private final CycleStore store;
  private final Clock clock;
  private final CycleAbandoner abandoner;

  /** Partitions described per call; a cycle runs at most {@code parallelism} at once. */
  private static final int MAX_CHILDREN_DESCRIBED = 64;

  /**
   * A client that closes lost cycles without touching the target: their repair rows left APPLYING
   * are settled by the next worker to start.
   */
  public CycleClient(WorkflowClient client, String taskQueue, CycleStore store, Clock clock) {
    this(client, taskQueue, store, clock, store.abandoner());
  }

  /**
   * @param abandoner closes lost cycles as ABANDONED; one given the target also settles their
   *     APPLYING repair rows at once
   */
  public CycleClient(
      WorkflowClient client,
      String taskQueue,
      CycleStore store,
      Clock clock,
      CycleAbandoner abandoner) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
    this.clock = clock;
    this.abandoner = abandoner;
  }

  /**
   * Starts a cycle and returns its workflow id.
   *
   * @param id the workflow id, or null for {@code recon-<spec>-<now, UTC, ms>-<random>} ({@link
   *     CycleIdGenerator}); see {@link CycleIds#SAFE} for what an id may hold
   * @throws CycleAlreadyRunningException when a cycle of the same job is still running
   * @throws IllegalArgumentException when {@code id} is not a safe cycle id
   */
  public String start(JobSpec spec, Mode mode, String initiator, String id) {
    return start(spec.name(), new CycleRequest(spec, mode, initiator), initiator, id);
  }

  /**
   * Starts a cycle of a registered spec, with the flat input any client sends: {@code {"spec":
   * NAME, "version": N, "mode": "full", "initiator": WHO}}. The worker resolves the spec from the
   * registry; an unknown name or version fails the cycle as {@code UNKNOWN_SPEC}.
   *
   * @param version the registered version, or null for the latest when the worker opens the cycle
   */
  public String startByName(String name, Integer version, Mode mode, String initiator, String id) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("spec", name);
    if (version != null) {
      input.put("version", version);
    }
    input.put("mode", mode.label());
    input.put("initiator", initiator);
    return start(name, input, initiator, id);
  }

  private String start(String specName, Object input, String initiator, String id) {
    if (id != null) {
      CycleIds.requireSafe(id);
    }
    for (String active : store.activeBatchCycles(specName)) {
      // The store says open but Temporal says the workflow is gone (a server that lost its
      // state, a terminated workflow): close the row as ABANDONED so it no longer blocks the job.
      Optional<String> lost = lostReason(active);
      if (lost.isEmpty()) {
        throw new CycleAlreadyRunningException(specName, active);
      }
      abandoner.abandon(active, lost.get(), actor(initiator));
    }
    String cycleId = id != null ? id : CycleIdGenerator.SHARED.next(specName, clock.instant());
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
      workflow.start(input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new IllegalArgumentException(
          "cycle id '" + cycleId + "' is already used by another cycle; choose another --id");
    }
    return cycleId;
  }

  /**
   * Why the cycle's workflow counts as lost, or empty while it runs (on any worker). Lost means
   * Temporal knows no such workflow, or reports it closed; an error reaching Temporal propagates,
   * so an outage never closes a cycle.
   */
  public Optional<String> lostReason(String cycleId) {
    Optional<WorkflowExecutionStatus> status = executionStatus(cycleId);
    if (status.isEmpty()) {
      return Optional.of(
          "Temporal knows no workflow "
              + cycleId
              + " (a server that lost its state, or another namespace)");
    }
    if (status.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Optional.empty();
    }
    return Optional.of(
        "its workflow ended "
            + status.get().name().replace("WORKFLOW_EXECUTION_STATUS_", "")
            + " without recording how the cycle ended");
  }

  /**
   * Closes the cycle as ABANDONED when the store still records it open and its workflow is lost.
   * Returns whether this call closed it.
   */
  public boolean closeIfLost(String cycleId, String actor) {
    Optional<StoredCycle> row = store.find(cycleId);
    if (row.isEmpty() || !CycleStore.OPEN_STATES.contains(row.get().status())) {
      return false;
    }
    Optional<String> lost = lostReason(cycleId);
    return lost.isPresent() && abandoner.abandon(cycleId, lost.get(), actor(actor));
  }

  /**
   * Closes every lost cycle in the store as ABANDONED and settles APPLYING repair rows of closed
   * cycles; what a worker does at start. Cycles running on other workers are left alone.
   */
  public CycleAbandoner.Swept sweepLostCycles(String actor) {
    return abandoner.sweep(this::lostReason, actor(actor));
  }

  /**
   * Asks the cycle to stop: the {@code cancel} signal records who and why, then Temporal's cancel
   * request stops it (activities at their next heartbeat). Returns false when the workflow had
   * already ended, before the signal or between the signal and the request; the stored row then
   * says how it ended.
   */
  public boolean cancel(String cycleId, String by, String reason) {
    WorkflowStub stub = client.newUntypedWorkflowStub(cycleId);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("by", by);
    if (reason != null) {
      payload.put("reason", reason);
    }
    try {
      stub.signal(ReconciliationWorkflow.CANCEL, payload);
      stub.cancel();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
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

  /**
   * An engine's message on one line, escaped and cut for a terminal: it may quote a record's key or
   * value, which can hold control characters.
   */
  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return Displays.cut(
        Displays.escape(message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ")), 500);
  }

  /**
   * Sends the {@code decide} update with one JSON-able request and waits up to {@code wait} for its
   * verdict; empty when none came in time (no worker polls the queue, say). A request the
   * workflow's validator refuses throws {@link IllegalArgumentException} with the validator's
   * one-line message.
   */
  public Optional<Verdict> decide(String cycleId, Object request, Duration wait)
      throws InterruptedException {
    WorkflowStub stub = client.newUntypedWorkflowStub(cycleId);
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "recon-decide");
              t.setDaemon(true);
              return t;
            });
    try {
      // The SDK waits for the update as long as it takes; the caller is told once `wait` passes.
      Future<Verdict> verdict =
          thread.submit(() -> stub.update(ReconciliationWorkflow.DECIDE, Verdict.class, request));
      return Optional.of(verdict.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WorkflowUpdateException u
          && u.getCause() instanceof ApplicationFailure refused
          && refused.getOriginalMessage().startsWith("decide refused:")) {
        throw new IllegalArgumentException(refused.getOriginalMessage(), u);
      }
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } finally {
      thread.shutdownNow();
    }
  }

  /** Sends the {@code approve} or {@code reject} signal with one JSON-able payload. */
  public void signal(String cycleId, String signalName, Object payload) {
    WorkflowStub stub = client.newUntypedWorkflowStub(cycleId);
    stub.signal(signalName, payload);
  }

  private static String actor(String who) {
    return who == null || who.isBlank() ? "recon" : who;
  }

  public WorkflowClient workflowClient() {
    return client;
  }
}
