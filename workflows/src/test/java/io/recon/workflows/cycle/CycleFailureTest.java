package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.failure.Retries;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.TestCluster;
import io.recon.workflows.testing.TestSpecs;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CycleFailureTest {
  private static final String EMIAL = "column 'emial' does not exist";
  private final FakeCompare compare = new FakeCompare();
  private final FakeStore store = new FakeStore();
  private final TestCluster cluster = new TestCluster(compare, store);

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void missingColumnFailsTheCycleFastWithItsTypeAndMessage() {
    AtomicInteger attempts = new AtomicInteger();
    compare.compare =
        r -> {
          attempts.incrementAndGet();
          throw ApplicationFailure.newNonRetryableFailure(EMIAL, "MISSING_COLUMN");
        };
    var request = new CycleRequest(TestSpecs.job(4, 1, Duration.ZERO), Mode.FULL, "test");

    ApplicationFailure failure = failureOf(cluster.start("recon-orders-emial", request));

    assertEquals("MISSING_COLUMN", failure.getType());
    assertEquals(EMIAL, failure.getOriginalMessage());
    assertEquals(1, attempts.get(), "a permanent failure is never retried");
    CloseCycle close = store.onlyClose();
    assertEquals(CycleState.FAILED, close.state());
    assertTrue(close.error().contains(EMIAL), close.error());
    assertEquals(0, close.rangesDone());
  }

  @Test
  void permanentTypeIsNotRetriedEvenWhenTheActivityForgotToMarkIt() {
    AtomicInteger attempts = new AtomicInteger();
    compare.compare =
        r -> {
          attempts.incrementAndGet();
          throw ApplicationFailure.newFailure("permission denied for table orders", "UNAUTHORIZED");
        };
    var request = new CycleRequest(TestSpecs.job(2, 1, Duration.ZERO), Mode.FULL, "test");

    ApplicationFailure failure = failureOf(cluster.start("recon-orders-denied", request));

    assertEquals("UNAUTHORIZED", failure.getType());
    assertEquals(1, attempts.get());
  }

  @Test
  void incrementalWithoutUpdatedAtFailsAsUnsupportedModeBeforePlanning() {
    var spec = TestSpecs.job(2, 1, Duration.ZERO, null);
    var request = new CycleRequest(spec, Mode.INCREMENTAL, "test");

    ApplicationFailure failure = failureOf(cluster.start("recon-orders-incr", request));

    assertEquals("UNSUPPORTED_MODE", failure.getType());
    assertTrue(failure.getOriginalMessage().contains("source.updatedAt"));
    assertTrue(compare.plans.isEmpty());
    assertEquals(CycleState.FAILED, store.onlyClose().state());
  }

  @Test
  void failedCycleStatusSaysWhy() {
    compare.compare =
        r -> {
          throw ApplicationFailure.newNonRetryableFailure(EMIAL, "MISSING_COLUMN");
        };
    var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");
    ReconciliationWorkflow cycle = cluster.start("recon-orders-status", request);
    failureOf(cycle);

    CycleStatus status = cycle.status();

    assertEquals(CycleState.FAILED, status.state());
    assertEquals(Phase.DONE.name(), status.phase());
    assertEquals("COMPARING: MISSING_COLUMN: " + EMIAL, status.message());
  }

  @Test
  void anUnexpectedActivityFailureEndsTheCycleAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    compare.recheck =
        r -> {
          attempts.incrementAndGet();
          throw ApplicationFailure.newNonRetryableFailure(
              "rechecking range 0: NullPointerException: key", "UNEXPECTED");
        };
    var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");

    ApplicationFailure failure = failureOf(cluster.start("recon-orders-npe", request));

    assertEquals("UNEXPECTED", failure.getType());
    assertEquals(1, attempts.get(), "an unexpected failure is permanent");
    assertEquals(
        "COMPARING: UNEXPECTED: rechecking range 0: NullPointerException: key",
        store.onlyClose().error());
  }

  @Test
  void aTransientFailureThatNeverStopsEndsTheCycleAfterItsBoundedAttempts() {
    AtomicInteger attempts = new AtomicInteger();
    compare.compare =
        r -> {
          attempts.incrementAndGet();
          throw ApplicationFailure.newFailure(
              "Connection refused\n  Position: 1", "java.net.ConnectException");
        };
    var request = new CycleRequest(TestSpecs.job(1, 1, Duration.ZERO), Mode.FULL, "test");

    ApplicationFailure failure = failureOf(cluster.start("recon-orders-down", request));

    assertEquals("java.net.ConnectException", failure.getType());
    assertEquals(Retries.LONG_ATTEMPTS, attempts.get());
    CloseCycle close = store.onlyClose();
    assertEquals(CycleState.FAILED, close.state());
    assertEquals(
        "COMPARING: ConnectException: Connection refused; Position: 1",
        close.error(),
        "the last error, on one line");
  }

  private static ApplicationFailure failureOf(ReconciliationWorkflow cycle) {
    var e = assertThrows(WorkflowFailedException.class, () -> TestCluster.result(cycle));
    return assertInstanceOf(ApplicationFailure.class, e.getCause());
  }
}
