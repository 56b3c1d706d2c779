package io.recon.starter.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.recon.core.spec.JobSpec;
import io.recon.schema.jooq.tables.records.ScheduleRecord;
import io.recon.starter.CycleClient;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.schedule.ScheduleRequest;
import io.recon.workflows.schedule.ScheduledCyclesWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates, lists, deletes and triggers schedules of cycles. On a real cluster a schedule is a
 * Temporal Schedule with overlap policy skip; where the server has no Schedules API (the embedded
 * test server) it falls back to a cron workflow and says so. Either way the recon store keeps one
 * row per schedule with the spec it runs.
 */
public final class ScheduleManager {
  private final WorkflowClient client;
  private final String taskQueue;
  private final ScheduleStore store;
  private final CycleClient cycles;
  private final ObjectMapper json;
  private ScheduleBackend backend;

  public ScheduleManager(
      WorkflowClient client,
      String taskQueue,
      ScheduleStore store,
      CycleClient cycles,
      ObjectMapper json) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.store = store;
    this.cycles = cycles;
    this.json = json;
  }

  private ScheduleClient scheduleClient() {
    return ScheduleClient.newInstance(
        client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .build());
  }

  /** Which backend this server supports, probed once with a harmless list call. */
  public ScheduleBackend backend() {
    if (backend == null) {
      try {
        scheduleClient().listSchedules(1).findFirst();
        backend = ScheduleBackend.SCHEDULES_API;
      } catch (RuntimeException e) {
        if (!unimplemented(e)) {
          throw e;
        }
        backend = ScheduleBackend.CRON_WORKFLOW;
      }
    }
    return backend;
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }

  /**
   * Schedules full cycles of {@code spec} on {@code cron} (5 fields).
   *
   * @throws IllegalArgumentException when a schedule of that name exists
   */
  public ScheduleInfo create(JobSpec spec, String name, String cron, String createdBy) {
    if (store.find(name).isPresent()) {
      throw new IllegalArgumentException(
          "schedule '"
              + name
              + "' already exists; delete it first (recon schedule delete "
              + name
              + ")");
    }
    String workflowId = "recon-schedule-" + name;
    ScheduleBackend b = backend();
    if (b == ScheduleBackend.SCHEDULES_API) {
      try {
        scheduleClient()
            .createSchedule(
                workflowId,
                Schedule.newBuilder()
                    .setAction(
                        ScheduleActionStartWorkflow.newBuilder()
                            .setWorkflowType(ReconciliationWorkflow.class)
                            .setArguments(new CycleRequest(spec, Mode.FULL, "schedule:" + name))
                            .setOptions(
                                WorkflowOptions.newBuilder()
                                    // The server appends the fire time: recon-<spec>-<time>.
                                    .setWorkflowId("recon-" + spec.name())
                                    .setTaskQueue(taskQueue)
                                    .build())
                            .build())
                    .setSpec(ScheduleSpec.newBuilder().setCronExpressions(List.of(cron)).build())
                    .setPolicy(
                        SchedulePolicy.newBuilder()
                            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                            .build())
                    .build(),
                ScheduleOptions.newBuilder().build());
      } catch (ScheduleAlreadyRunningException e) {
        throw new IllegalArgumentException(
            "a Temporal schedule '" + workflowId + "' already exists");
      }
    } else {
      try {
        WorkflowClient.start(
            client.newWorkflowStub(
                    ScheduledCyclesWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(taskQueue)
                        .setCronSchedule(cron)
                        .build())
                ::runScheduledCycle,
            new ScheduleRequest(spec, name));
      } catch (WorkflowExecutionAlreadyStarted e) {
        throw new IllegalArgumentException(
            "a cron workflow '" + workflowId + "' is already running");
      }
    }
    store.insert(name, spec.name(), write(spec), cron, b, workflowId, createdBy);
    return info(store.find(name).orElseThrow());
  }

  /** Every schedule the store knows, with whether Temporal still runs it. */
  public List<ScheduleInfo> list() {
    List<ScheduleInfo> all = new ArrayList<>();
    store.all().forEach(r -> all.add(info(r)));
    return all;
  }

  /** Deletes a schedule; a cycle it started keeps running. */
  public void delete(String name) {
    ScheduleRecord r = require(name);
    if (ScheduleBackend.valueOf(r.getBackend()) == ScheduleBackend.SCHEDULES_API) {
      scheduleClient().getHandle(r.getWorkflowId()).delete();
    } else if (running(r.getWorkflowId())) {
      client.newUntypedWorkflowStub(r.getWorkflowId()).terminate("recon schedule delete " + name);
    }
    store.delete(name);
  }

  /**
   * Runs the schedule's cycle now. Returns the cycle id when it is known (the cron fallback starts
   * the cycle itself), or empty when Temporal's schedule starts it.
   */
  public Optional<String> trigger(String name, String operator) {
    ScheduleRecord r = require(name);
    if (ScheduleBackend.valueOf(r.getBackend()) == ScheduleBackend.SCHEDULES_API) {
      scheduleClient().getHandle(r.getWorkflowId()).trigger();
      return Optional.empty();
    }
    JobSpec spec = read(r.getSpecJson());
    return Optional.of(
        cycles.start(
            spec, Mode.FULL, "schedule:" + name + " (triggered by " + operator + ")", null));
  }

  private ScheduleRecord require(String name) {
    return store
        .find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown schedule '" + name + "' (recon schedule list shows them)"));
  }

  private ScheduleInfo info(ScheduleRecord r) {
    ScheduleBackend b = ScheduleBackend.valueOf(r.getBackend());
    boolean active;
    try {
      active =
          b == ScheduleBackend.SCHEDULES_API
              ? scheduleClient().getHandle(r.getWorkflowId()).describe() != null
              : running(r.getWorkflowId());
    } catch (RuntimeException e) {
      active = false;
    }
    return new ScheduleInfo(
        r.getName(),
        r.getSpecName(),
        r.getCron(),
        b,
        r.getWorkflowId(),
        active,
        r.getCreatedAt().toInstant().toString());
  }

  private boolean running(String workflowId) {
    return cycles
        .executionStatus(workflowId)
        .map(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .orElse(false);
  }

  private String write(JobSpec spec) {
    try {
      return json.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store spec " + spec.name(), e);
    }
  }

  private JobSpec read(String text) {
    try {
      return json.readValue(text, JobSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored spec of a schedule does not parse", e);
    }
  }
}
