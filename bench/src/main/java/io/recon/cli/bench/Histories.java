package io.recon.cli.bench;

import io.recon.workflows.cycle.CycleIds;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/** Temporal's cost of a cycle: history events of the parent (every run) and of its children. */
final class Histories {
  private Histories() {}

  /**
   * @param parentEvents events over every run of the parent, following continue-as-new back
   * @param parentRuns runs of the parent
   * @param parentLastRunEvents events of the last run alone
   * @param largestChildEvents events of the largest partition child
   */
  record Figures(
      int parentEvents,
      int parentRuns,
      int parentLastRunEvents,
      int children,
      int largestChildEvents,
      String largestChild) {}

  static Figures of(WorkflowClient client, String cycleId, int ranges) {
    WorkflowExecutionHistory run = client.fetchHistory(cycleId);
    int lastRun = run.getEvents().size();
    int events = 0;
    int runs = 0;
    while (true) {
      List<HistoryEvent> list = run.getEvents();
      events += list.size();
      runs++;
      String previous =
          list.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        break;
      }
      run = client.fetchHistory(cycleId, previous);
    }
    int children = 0;
    int largest = 0;
    String largestId = null;
    for (int i = 0; i < ranges; i++) {
      String id = CycleIds.partition(cycleId, i);
      int size;
      try {
        size = client.fetchHistory(id).getEvents().size();
      } catch (RuntimeException e) {
        continue; // a range that was never started, e.g. an empty incremental plan
      }
      children++;
      if (size > largest) {
        largest = size;
        largestId = id;
      }
    }
    return new Figures(events, runs, lastRun, children, largest, largestId);
  }
}
