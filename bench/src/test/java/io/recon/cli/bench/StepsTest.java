package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskCompletedEventAttributes;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.ActivityTaskStartedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionCompletedEventAttributes;
import io.temporal.api.history.v1.ChildWorkflowExecutionStartedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.TimerFiredEventAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {
  private static HistoryEvent.Builder event(long id, EventType type, long millis) {
    return HistoryEvent.newBuilder()
        .setEventId(id)
        .setEventType(type)
        .setEventTime(
            Timestamp.newBuilder()
                .setSeconds(millis / 1000)
                .setNanos((int) (millis % 1000) * 1_000_000));
  }

  private static List<HistoryEvent> activity(
      long first, String name, long at, long start, long end) {
    return List.of(
        event(first, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, at)
            .setActivityTaskScheduledEventAttributes(
                ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName(name)))
            .build(),
        event(first + 1, EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED, start)
            .setActivityTaskStartedEventAttributes(
                ActivityTaskStartedEventAttributes.newBuilder().setScheduledEventId(first))
            .build(),
        event(first + 2, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, end)
            .setActivityTaskCompletedEventAttributes(
                ActivityTaskCompletedEventAttributes.newBuilder()
                    .setScheduledEventId(first)
                    .setStartedEventId(first + 1))
            .build());
  }

  @Test
  void activitiesAreSummedByTypeWithTheirQueueTimeAcrossHistories() {
    var steps = new Steps.Accumulator();
    steps.add(
        concat(
            activity(5, "compareRange", 1_000, 1_250, 3_000),
            activity(9, "recheckRange", 3_100, 3_100, 3_600)));
    // Another range: its event ids repeat those of the first history.
    steps.add(activity(5, "compareRange", 10_000, 10_000, 11_000));
    List<Steps.Step> out = steps.steps();
    assertEquals(new Steps.Step("compareRange", 2, 3.0, 0.25, 2.0), out.get(0));
    assertEquals(new Steps.Step("recheckRange", 1, 0.5, 0.0, 0.5), out.get(1));
    assertEquals(
        "compareRange (2) 3.00 s, queued 0.25 s; recheckRange (1) 0.50 s", Steps.describe(out));
  }

  @Test
  void childrenAreTimedFromInitiationToStartAndFromStartToCloseAndTimersToFiring() {
    var steps = new Steps.Accumulator();
    steps.add(
        List.of(
            event(3, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, 0).build(),
            event(4, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED, 400)
                .setChildWorkflowExecutionStartedEventAttributes(
                    ChildWorkflowExecutionStartedEventAttributes.newBuilder()
                        .setInitiatedEventId(3))
                .build(),
            event(7, EventType.EVENT_TYPE_TIMER_STARTED, 500).build(),
            event(8, EventType.EVENT_TYPE_TIMER_FIRED, 2_500)
                .setTimerFiredEventAttributes(
                    TimerFiredEventAttributes.newBuilder().setStartedEventId(7))
                .build(),
            event(9, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, 5_400)
                .setChildWorkflowExecutionCompletedEventAttributes(
                    ChildWorkflowExecutionCompletedEventAttributes.newBuilder()
                        .setInitiatedEventId(3)
                        .setStartedEventId(4))
                .build()));
    assertEquals(
        List.of(
            new Steps.Step("child run", 1, 5.0, 0, 5.0),
            new Steps.Step("timer (settle)", 1, 2.0, 0, 2.0),
            new Steps.Step("child start", 1, 0.4, 0, 0.4)),
        steps.steps());
  }

  @SafeVarargs
  private static List<HistoryEvent> concat(List<HistoryEvent>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
