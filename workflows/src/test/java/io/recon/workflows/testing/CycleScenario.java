package io.recon.workflows.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The complete cycle whose history the replay test keeps: incremental from a watermark, three
 * ranges through a window of two, a settle timer and a recheck in each range, and three signals
 * (malformed, unauthorized, valid) while the first ranges compare.
 */
public final class CycleScenario {
  public static final String CYCLE_ID = "recon-orders-20260301T120000Z";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CycleScenario() {}

  public static CycleResult run(TestCluster cluster, FakeCompare compare, FakeStore store)
      throws Exception {
    store.watermark = Instant.parse("2026-02-28T12:00:00Z");
    compare.release = new CountDownLatch(1);
    var request =
        new CycleRequest(TestSpecs.job(3, 2, Duration.ofSeconds(30)), Mode.INCREMENTAL, "alice");
    ReconciliationWorkflow cycle = cluster.start(CYCLE_ID, request);
    compare.awaitInFlight(2);
    WorkflowStub.fromTyped(cycle).signal(ReconciliationWorkflow.APPROVE, "yes");
    cycle.reject(Payloads.json("{\"approver\": \"mallory\"}"));
    cycle.approve(Payloads.json("{\"approver\": \"bob\", \"reason\": \"ok\", \"ids\": [\"d-1\"]}"));
    for (int i = 0; i < 500 && cycle.status().decisions().size() < 3; i++) {
      Thread.sleep(10);
    }
    compare.release.countDown();
    return TestCluster.result(cycle);
  }
}
