package io.recon.starter.feed;

import io.recon.activities.store.FeedStore;
import io.recon.workflows.feed.FeedResult;
import io.recon.workflows.feed.FeedStatus;
import io.recon.workflows.feed.FeedWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts, queries and stops feeds: what {@code recon feed start|status|stop} and services use. A
 * running feed answers from its workflow; a stopped or failed one from the recon store.
 */
public final class FeedClient {
  private final WorkflowClient client;
  private final String taskQueue;
  private final FeedStore store;

  public FeedClient(WorkflowClient client, String taskQueue, FeedStore store) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
  }

  /**
   * Starts the feed of registered spec {@code name}, pinned to {@code version}, and returns its
   * workflow id. A stopped or failed feed of the job may be started again; it resumes from the
   * positions its captures confirmed.
   *
   * @throws FeedAlreadyRunningException when the job's feed runs
   */
  public String start(String name, Integer version, String initiator) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("spec", name);
    if (version != null) {
      input.put("version", version);
    }
    input.put("initiator", initiator);
    String id = FeedWorkflow.id(name);
    WorkflowStub workflow =
        client.newUntypedWorkflowStub(
            FeedWorkflow.TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      workflow.start(input);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new FeedAlreadyRunningException(name);
    }
    return id;
  }

  /** Whether the job's feed workflow runs now. */
  public boolean running(String name) {
    try {
      return client
              .newUntypedWorkflowStub(FeedWorkflow.id(name))
              .describe()
              .getWorkflowExecutionInfo()
              .getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /**
   * The feed's status: live from its workflow while it runs, else as the store last recorded it.
   *
   * @throws UnknownFeedException when no feed of that name was ever started
   */
  public FeedStatus status(String name) {
    if (running(name)) {
      return client
          .newUntypedWorkflowStub(FeedWorkflow.id(name))
          .query(FeedWorkflow.STATUS, FeedStatus.class);
    }
    return stored(name)
        .orElseThrow(
            () ->
                new UnknownFeedException(
                    "no feed named '" + name + "' was ever started; see recon feed start"));
  }

  /** The feed's row in the store (who stopped it, when, why), or empty. */
  public Optional<FeedStore.FeedRow> row(String name) {
    return store.find(name);
  }

  /** The feed as the store recorded it, or empty. */
  public Optional<FeedStatus> stored(String name) {
    return store.find(name).map(FeedClient::fromRow);
  }

  /**
   * Signals the feed to stop and waits up to {@code timeout} for it to end; returns its last
   * status.
   *
   * @throws UnknownFeedException when the feed does not run
   * @throws TimeoutException when it did not end in time (it still stops at its next heartbeat)
   */
  public FeedStatus stop(String name, String by, String reason, boolean dropSlot, Duration timeout)
      throws TimeoutException {
    if (!running(name)) {
      String state = store.find(name).map(FeedStore.FeedRow::status).orElse(null);
      throw new UnknownFeedException(
          state == null
              ? "no feed named '" + name + "' was ever started"
              : "feed " + name + " is not running (it is " + state + ")");
    }
    WorkflowStub workflow = client.newUntypedWorkflowStub(FeedWorkflow.id(name));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("by", by);
    if (reason != null) {
      payload.put("reason", reason);
    }
    payload.put("dropSlot", dropSlot);
    signalAcrossContinueAsNew(name, workflow, payload);
    try {
      return workflow
          .getResultAsync(FeedResult.class)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted while feed " + name + " stopped");
    } catch (java.util.concurrent.ExecutionException e) {
      // The feed failed while stopping: the store says how.
      return stored(name).orElseThrow(() -> new IllegalStateException(e.getCause()));
    }
  }

  /**
   * Signals the feed's current run. A feed continues as new every few minutes; a real cluster opens
   * the next run in the same step as it closes the last, but the embedded test server leaves a
   * moment with no open run, so a signal that lands in it is retried for up to {@link
   * #BETWEEN_RUNS}.
   */
  private void signalAcrossContinueAsNew(
      String name, WorkflowStub workflow, Map<String, Object> payload) {
    long deadline = System.nanoTime() + BETWEEN_RUNS.toNanos();
    while (true) {
      try {
        workflow.signal(FeedWorkflow.STOP, payload);
        return;
      } catch (WorkflowNotFoundException e) {
        if (System.nanoTime() > deadline) {
          throw new UnknownFeedException("feed " + name + " is not running (it ended meanwhile)");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new UnknownFeedException("interrupted while signalling feed " + name);
        }
      }
    }
  }

  /** How long a stop signal is retried while the feed is between two runs. */
  static final Duration BETWEEN_RUNS = Duration.ofSeconds(5);

  private static FeedStatus fromRow(FeedStore.FeedRow r) {
    return new FeedStatus(
        r.name(),
        r.status(),
        r.specVersion(),
        new FeedStatus.Source(r.sourceCursor(), -1, -1, -1, r.sourceChanges()),
        new FeedStatus.Target(
            r.targetUnsupported() == null,
            r.targetUnsupported(),
            r.targetCursor(),
            r.targetChanges()),
        r.keysWaiting(),
        new FeedStatus.Cycles(0, null, null, r.keysReconciled(), 0),
        r.startedBy(),
        r.startedAt(),
        null,
        r.error());
  }
}
