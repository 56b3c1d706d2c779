package io.recon.cli.bench;

import com.google.protobuf.Timestamp;
import io.recon.workflows.cycle.CycleIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a cycle's time went, from its Temporal histories: each activity type's calls (time queued
 * before a worker took it, and time to complete), the children's start latency and run time, the
 * settle timers and the workflow tasks, for the parent (every run) and summed over the ranges. The
 * history's event times are the server's, so these need no instrumentation in the worker.
 */
final class Steps {
  private Steps() {}

  /**
   * One kind of step.
   *
   * @param count how many ran
   * @param seconds their durations summed, from scheduling (or start) to completion
   * @param queuedSeconds of which waiting for a worker (activities and workflow tasks)
   * @param maxSeconds the longest one
   */
  record Step(String name, int count, double seconds, double queuedSeconds, double maxSeconds) {}

  /**
   * @param cycle the parent's steps, every run
   * @param ranges the partition children's steps, summed over every range
   */
  record Figures(List<Step> cycle, List<Step> ranges) {}

  /** The total seconds of the step named {@code name}, or null when the list has none. */
  static Double seconds(List<Step> steps, String name) {
    return steps.stream()
        .filter(s -> s.name().equals(name))
        .map(Step::seconds)
        .findFirst()
        .orElse(null);
  }

  /** The steps of several one-range cycles (a feed's key-set cycles), summed. */
  static Figures ofMany(WorkflowClient client, List<String> cycleIds) {
    var cycle = new Accumulator();
    var children = new Accumulator();
    for (String id : cycleIds) {
      cycle.add(client.fetchHistory(id).getEvents());
      try {
        children.add(client.fetchHistory(CycleIds.partition(id, 0)).getEvents());
      } catch (RuntimeException e) {
        // a cycle that claimed nothing starts no range
      }
    }
    return new Figures(cycle.steps(), children.steps());
  }

  static Figures of(WorkflowClient client, String cycleId, int ranges) {
    var parent = new ArrayList<HistoryEvent>();
    var run = client.fetchHistory(cycleId);
    while (true) {
      List<HistoryEvent> events = run.getEvents();
      parent.addAll(events);
      String previous =
          events.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        break;
      }
      run = client.fetchHistory(cycleId, previous);
    }
    var children = new Accumulator();
    for (int i = 0; i < ranges; i++) {
      try {
        children.add(client.fetchHistory(CycleIds.partition(cycleId, i)).getEvents());
      } catch (RuntimeException e) {
        // a range that was never started, e.g. an empty incremental plan
      }
    }
    var cycle = new Accumulator();
    cycle.add(parent);
    return new Figures(cycle.steps(), children.steps());
  }

  /** Sums the steps of one or more histories. */
  static final class Accumulator {
    private final Map<String, double[]> steps = new LinkedHashMap<>();

    // Each history's event ids are its own: pairs are matched within one history at a time.
    void add(List<HistoryEvent> events) {
      var byId = new HashMap<Long, HistoryEvent>();
      for (HistoryEvent e : events) {
        byId.put(e.getEventId(), e);
        EventType type = e.getEventType();
        switch (type) {
          case EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
              EVENT_TYPE_ACTIVITY_TASK_FAILED,
              EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
              EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
            long scheduledId = scheduledId(e);
            HistoryEvent scheduled = byId.get(scheduledId);
            HistoryEvent started = byId.get(startedId(e));
            if (scheduled != null) {
              String name =
                  scheduled.getActivityTaskScheduledEventAttributes().getActivityType().getName();
              record(
                  name,
                  seconds(scheduled.getEventTime(), e.getEventTime()),
                  started == null ? 0 : seconds(scheduled.getEventTime(), started.getEventTime()));
            }
          }
          case EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
            var attributes = e.getWorkflowTaskCompletedEventAttributes();
            HistoryEvent scheduled = byId.get(attributes.getScheduledEventId());
            HistoryEvent started = byId.get(attributes.getStartedEventId());
            if (scheduled != null && started != null) {
              record(
                  "workflow tasks",
                  seconds(scheduled.getEventTime(), e.getEventTime()),
                  seconds(scheduled.getEventTime(), started.getEventTime()));
            }
          }
          case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
            HistoryEvent initiated =
                byId.get(e.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId());
            if (initiated != null) {
              record("child start", seconds(initiated.getEventTime(), e.getEventTime()), 0);
            }
          }
          case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
              EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED,
              EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
              EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED,
              EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> {
            HistoryEvent started = byId.get(childStartedId(e));
            if (started != null) {
              record("child run", seconds(started.getEventTime(), e.getEventTime()), 0);
            }
          }
          case EVENT_TYPE_TIMER_FIRED -> {
            HistoryEvent started = byId.get(e.getTimerFiredEventAttributes().getStartedEventId());
            if (started != null) {
              record("timer (settle)", seconds(started.getEventTime(), e.getEventTime()), 0);
            }
          }
          default -> {}
        }
      }
    }

    private void record(String name, double seconds, double queued) {
      double[] s = steps.computeIfAbsent(name, k -> new double[4]);
      s[0]++;
      s[1] += seconds;
      s[2] += queued;
      s[3] = Math.max(s[3], seconds);
    }

    /** The steps, the longest in total first. */
    List<Step> steps() {
      var out = new ArrayList<Step>();
      steps.forEach(
          (name, s) ->
              out.add(
                  new Step(
                      name, (int) s[0], Floor.round(s[1]), Floor.round(s[2]), Floor.round(s[3]))));
      out.sort(Comparator.comparingDouble(Step::seconds).reversed());
      return out;
    }
  }

  private static long scheduledId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          e.getActivityTaskCompletedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          e.getActivityTaskFailedEventAttributes().getScheduledEventId();
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
          e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
      default -> e.getActivityTaskCanceledEventAttributes().getScheduledEventId();
    };
  }

  private static long startedId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
          e.getActivityTaskCompletedEventAttributes().getStartedEventId();
      case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
          e.getActivityTaskFailedEventAttributes().getStartedEventId();
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
          e.getActivityTaskTimedOutEventAttributes().getStartedEventId();
      default -> e.getActivityTaskCanceledEventAttributes().getStartedEventId();
    };
  }

  private static long childStartedId(HistoryEvent e) {
    return switch (e.getEventType()) {
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED ->
          e.getChildWorkflowExecutionCompletedEventAttributes().getStartedEventId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED ->
          e.getChildWorkflowExecutionFailedEventAttributes().getStartedEventId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED ->
          e.getChildWorkflowExecutionCanceledEventAttributes().getStartedEventId();
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED ->
          e.getChildWorkflowExecutionTerminatedEventAttributes().getStartedEventId();
      default -> e.getChildWorkflowExecutionTimedOutEventAttributes().getStartedEventId();
    };
  }

  private static double seconds(Timestamp from, Timestamp to) {
    return ((to.getSeconds() - from.getSeconds()) * 1_000_000_000L
            + (to.getNanos() - from.getNanos()))
        / 1e9;
  }

  /**
   * One line: each step's count and total seconds, e.g. {@code compareRange (16) 51.20 s, queued
   * 0.10 s}.
   */
  static String describe(List<Step> steps) {
    var parts = new ArrayList<String>();
    for (Step s : steps) {
      parts.add(
          String.format(
              java.util.Locale.ROOT,
              "%s (%d) %.2f s%s",
              s.name(),
              s.count(),
              s.seconds(),
              s.queuedSeconds() >= 0.005
                  ? String.format(java.util.Locale.ROOT, ", queued %.2f s", s.queuedSeconds())
                  : ""));
    }
    return String.join("; ", parts);
  }
}
