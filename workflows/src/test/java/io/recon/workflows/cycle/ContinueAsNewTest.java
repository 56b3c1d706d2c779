package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Payloads;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Functions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContinueAsNewTest {
  private final FakeCompare compare = new FakeCompare();
  private final FakeStore store = new FakeStore();

  @Test
  void continueAsNewCarriesProgressAndTotalsStayExact() throws Exception {
    Functions.Func<ReconciliationWorkflow> smallBudget =
        () -> new ReconciliationWorkflowImpl(new RunBudget(3));
    try (var cluster = new TestCluster(compare, store, smallBudget)) {
      CountDownLatch first = new CountDownLatch(1);
      compare.release = first;
      var request = new CycleRequest(TestSpecs.job(11, 2, Duration.ZERO), Mode.FULL, "test");
      ReconciliationWorkflow cycle = cluster.start("recon-orders-can", request);
      compare.awaitInFlight(1);
      cycle.approve(Payloads.json("{\"approver\": \"bob\", \"requestId\": \"r-1\"}"));
      first.countDown();
      compare.release = null;

      CycleResult result = TestCluster.result(cycle);

      assertEquals(FakeCompare.expectedTotal(11), result.counts());
      assertEquals(
          IntStream.range(0, 11).boxed().toList(),
          compare.compared.stream().map(RangeRequest::rangeIndex).sorted().toList(),
          "every range compared exactly once across runs");
      assertEquals(1, store.opened.size(), "only the first run opens the cycle");
      assertEquals(1, compare.plans.size(), "only the first run plans");
      assertEquals(11, store.onlyClose().rangesDone());

      List<CycleProgress> carried = carriedProgress(cluster, cycle);
      assertEquals(List.of(3, 6, 9), carried.stream().map(CycleProgress::nextRange).toList());
      assertEquals(List.of(3, 6, 9), carried.stream().map(CycleProgress::rangesDone).toList());
      assertEquals(List.of(1, 2, 3), carried.stream().map(CycleProgress::runs).toList());
      assertEquals(FakeCompare.expectedTotal(3), carried.get(0).counts());
      assertEquals(FakeCompare.expectedTotal(9), carried.get(2).counts());
      assertTrue(carried.stream().allMatch(p -> p.rangesTotal() == 11));

      CycleStatus last = cycle.status();
      assertEquals(11, last.rangesDone());
      assertEquals(1, last.decisions().size(), "a decision survives continue-as-new");
      assertEquals("r-1", last.decisions().get(0).requestId());
    }
  }

  /**
   * The progress each run handed to the next, read from the continue-as-new events of the chain of
   * runs, first run first.
   */
  static List<CycleProgress> carriedProgress(TestCluster cluster, ReconciliationWorkflow cycle) {
    return carriedProgress(cluster, firstRun(cycle));
  }

  /** The same, from the first run's execution, taken before anything follows the chain. */
  static List<CycleProgress> carriedProgress(TestCluster cluster, WorkflowExecution first) {
    List<CycleProgress> carried = new ArrayList<>();
    String workflowId = first.getWorkflowId();
    String runId = first.getRunId();
    while (runId != null) {
      WorkflowExecutionHistory history = cluster.client.fetchHistory(workflowId, runId);
      HistoryEvent last = history.getLastEvent();
      runId = null;
      if (last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
        var attributes = last.getWorkflowExecutionContinuedAsNewEventAttributes();
        CycleRequest next =
            DefaultDataConverter.newDefaultInstance()
                .fromPayloads(
                    0, Optional.of(attributes.getInput()), CycleRequest.class, CycleRequest.class);
        carried.add(next.resume());
        runId = attributes.getNewExecutionRunId();
      }
    }
    return carried;
  }

  /**
   * The progress each run was started with, read backwards from the newest run's started event (its
   * input and the run it continued), first carried first. Unlike {@link #carriedProgress}, this
   * does not need a run's last events: the test server sometimes serves a continued run's history
   * without its final workflow task and continue-as-new event when a query raced that task.
   */
  static List<CycleProgress> startedProgress(TestCluster cluster, String workflowId) {
    List<CycleProgress> carried = new ArrayList<>();
    for (WorkflowExecutionHistory history : runsBackwards(cluster, workflowId)) {
      var started = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes();
      if (!started.getContinuedExecutionRunId().isEmpty()) {
        CycleRequest request =
            DefaultDataConverter.newDefaultInstance()
                .fromPayloads(
                    0, Optional.of(started.getInput()), CycleRequest.class, CycleRequest.class);
        carried.add(0, request.resume());
      }
    }
    return carried;
  }

  /** The histories of the chain of runs, newest first, each found from its successor's start. */
  static List<WorkflowExecutionHistory> runsBackwards(TestCluster cluster, String workflowId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory history = cluster.client.fetchHistory(workflowId);
    while (history != null) {
      runs.add(history);
      String previous =
          history
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      history = previous.isEmpty() ? null : cluster.client.fetchHistory(workflowId, previous);
    }
    return runs;
  }

  static List<Integer> runLengths(TestCluster cluster, ReconciliationWorkflow cycle) {
    return runLengths(cluster, firstRun(cycle));
  }

  static List<Integer> runLengths(TestCluster cluster, WorkflowExecution first) {
    List<Integer> lengths = new ArrayList<>();
    String workflowId = first.getWorkflowId();
    String runId = first.getRunId();
    while (runId != null) {
      WorkflowExecutionHistory history = cluster.client.fetchHistory(workflowId, runId);
      lengths.add(history.getEvents().size());
      HistoryEvent last = history.getLastEvent();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return lengths;
  }

  @Test
  void everyRunStaysUnderTwoThousandEventsWithTheDefaultBudget() {
    try (var cluster = new TestCluster(compare, store)) {
      var request = new CycleRequest(TestSpecs.job(450, 25, Duration.ZERO), Mode.FULL, "test");

      ReconciliationWorkflow cycle = cluster.start("recon-orders-long", request);
      CycleResult result = TestCluster.result(cycle);

      assertEquals(FakeCompare.expectedTotal(450), result.counts());
      List<Integer> lengths = runLengths(cluster, cycle);
      assertTrue(lengths.size() >= 3, "450 ranges need at least three runs: " + lengths);
      assertTrue(lengths.stream().allMatch(n -> n < 2_000), "events per run: " + lengths);
    }
  }

  /** The execution the client started: the first run of the chain. */
  private static WorkflowExecution firstRun(ReconciliationWorkflow cycle) {
    return WorkflowStub.fromTyped(cycle).getExecution();
  }
}
