package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.Severity;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeRepair;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.Poll;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a cycle: in-flight activities stop at their next heartbeat and are waited for, then
 * the cycle closes CANCELLED with who and why from the {@code cancel} signal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CycleCancelTest {
  /** What happened, in order, across the activities and the store. */
  private final List<String> events = new CopyOnWriteArrayList<>();

  private final CountDownLatch compareStarted = new CountDownLatch(1);
  private final CountDownLatch cancelSent = new CountDownLatch(1);

  /** A compare that heartbeats until it learns it was cancelled, and says when it stopped. */
  private final FakeCompare compare =
      new FakeCompare() {
        @Override
        public DetectedCounts compareRange(RangeRequest request) {
          compareStarted.countDown();
          try {
            if (!cancelSent.await(20, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the test never cancelled");
            }
            for (int i = 0; i < 400; i++) {
              Activity.getExecutionContext().heartbeat(i);
              Thread.sleep(50);
            }
          } catch (ActivityCanceledException e) {
            events.add("compare stopped");
            throw e;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("the compare never learned of its cancellation");
        }
      };

  private final FakeStore store =
      new FakeStore() {
        @Override
        public void closeCycle(CloseCycle request) {
          events.add("close " + request.state());
          super.closeCycle(request);
        }
      };

  private TestCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void cancelWhileComparingWaitsForTheActivityToStopThenClosesCancelledWithWhoAndWhy()
      throws Exception {
    cluster = new TestCluster(compare, store);
    var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-cancel-compare", request);
    assertTrue(compareStarted.await(20, TimeUnit.SECONDS));

    cancel(cycle, Map.of("by", "alice", "reason", "maintenance window"));
    // Heartbeats are throttled, so the compare heartbeats only once the server has asked it to
    // stop; its next heartbeat then learns of the cancellation.
    awaitActivityCancelRequested(CycleIds.partition("recon-orders-cancel-compare", 0));
    cancelSent.countDown();

    assertCancelled(cycle);
    CloseCycle close = store.onlyClose();
    assertEquals(CycleState.CANCELLED, close.state());
    assertEquals("alice", close.closedBy());
    assertEquals("maintenance window", close.reason());
    assertEquals("cancelled by alice: maintenance window", close.error());
    // The close is recorded only once the activity has stopped writing.
    assertEquals(List.of("compare stopped", "close CANCELLED"), events);
    CycleStatus status = cycle.status();
    assertEquals(CycleState.CANCELLED, status.state());
    assertEquals("cancelled by alice: maintenance window", status.message());
  }

  @Test
  void cancelWhileAwaitingApprovalClosesCancelledAndDecidesNothing() throws Exception {
    FakeRepair repair = new FakeRepair().add("d-med", Severity.MEDIUM);
    cluster = new TestCluster(new FakeCompare(), store, repair);
    var request = new CycleRequest(TestSpecs.withRepair(null), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-cancel-approval", request);
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));

    cancel(cycle, Map.of("by", "bob"));

    assertCancelled(cycle);
    CloseCycle close = store.onlyClose();
    assertEquals(CycleState.CANCELLED, close.state());
    assertEquals("bob", close.closedBy());
    assertNull(close.reason());
    assertEquals("cancelled by bob", close.error());
    assertEquals(DiscrepancyStatus.PENDING_APPROVAL, repair.status("d-med"));
    assertTrue(repair.audit.isEmpty(), "a cancel is not a decision: " + repair.audit);
  }

  @Test
  void aTemporalCancelWithoutTheSignalIsRecordedAsAnonymous() throws Exception {
    FakeRepair repair = new FakeRepair().add("d-med", Severity.MEDIUM);
    cluster = new TestCluster(new FakeCompare(), store, repair);
    var request = new CycleRequest(TestSpecs.withRepair(null), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-cancel-anonymous", request);
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));

    WorkflowStub.fromTyped(cycle).cancel();

    assertCancelled(cycle);
    assertEquals(CancelRequest.UNKNOWN, store.onlyClose().closedBy());
  }

  @Test
  void aCancelArrivingWhileTheResultIsRecordedLeavesTheCycleCompleted() throws Exception {
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    FakeStore slowClose =
        new FakeStore() {
          @Override
          public void closeCycle(CloseCycle request) {
            closing.countDown();
            try {
              cancelled.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.closeCycle(request);
          }
        };
    cluster = new TestCluster(new FakeCompare(), slowClose, new FakeRepair());
    var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-cancel-late", request);
    assertTrue(closing.await(20, TimeUnit.SECONDS));

    cancel(cycle, Map.of("by", "alice"));
    cancelled.countDown();

    // Temporal records the execution as canceled (the request did arrive), but the cycle's answer
    // was complete: the store and the status query say COMPLETED, and nothing closed it twice.
    assertCancelled(cycle);
    assertEquals(CycleState.COMPLETED, slowClose.onlyClose().state());
    assertEquals(CycleState.COMPLETED, cycle.status().state());
  }

  @Test
  void malformedCancelPayloadsReadAsAnonymousAndLongTextsAreClipped() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertEquals(CancelRequest.ANONYMOUS, CancelRequest.parse(json.readTree("\"alice\"")));
    assertEquals(CancelRequest.UNKNOWN, CancelRequest.parse(json.readTree("{\"by\": 7}")).by());
    CancelRequest long_ = new CancelRequest("a".repeat(500), "r".repeat(500));
    assertEquals(CancelRequest.MAX_BY, long_.by().length());
    assertEquals(CancelRequest.MAX_REASON, long_.reason().length());
  }

  private void awaitActivityCancelRequested(String workflowId) throws InterruptedException {
    var request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(cluster.env.getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build();
    for (int i = 0; i < 2_000; i++) {
      var pending =
          cluster
              .env
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(request)
              .getPendingActivitiesList();
      if (pending.stream()
          .anyMatch(
              a -> a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED)) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the compare activity was never asked to stop");
  }

  private static void cancel(ReconciliationWorkflow cycle, Object payload) {
    WorkflowStub stub = WorkflowStub.fromTyped(cycle);
    stub.signal(ReconciliationWorkflow.CANCEL, payload);
    stub.cancel();
  }

  private static void assertCancelled(ReconciliationWorkflow cycle) {
    var e = assertThrows(WorkflowFailedException.class, () -> TestCluster.result(cycle));
    assertInstanceOf(CanceledFailure.class, e.getCause());
  }
}
