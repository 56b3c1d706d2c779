package io.recon.workflows.testing;

import io.recon.core.spec.Severity;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.Phase;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;

/**
 * The cycle with approval whose history the replay test keeps: one range, routing with one
 * automatic repair and three held, an unauthorized approval, an approval of one held repair, its
 * duplicate, a rejection of another, and the approval timer expiring the last one.
 */
public final class ApprovalScenario {
  public static final String CYCLE_ID = "recon-orders-20260302T120000Z";

  private ApprovalScenario() {}

  public static FakeRepair repair() {
    return new FakeRepair()
        .add("d-low", Severity.LOW)
        .add("d-med", Severity.MEDIUM)
        .add("d-high", Severity.HIGH)
        .add("orphan-1", Severity.LOW);
  }

  public static CycleResult run(TestCluster cluster) throws Exception {
    var request = new CycleRequest(TestSpecs.withRepair(null), Mode.FULL, "alice");
    ReconciliationWorkflow cycle = cluster.start(CYCLE_ID, request);
    Poll.status(cycle, s -> Phase.AWAITING_APPROVAL.name().equals(s.phase()));
    WorkflowStub stub = WorkflowStub.fromTyped(cycle);
    stub.signal(ReconciliationWorkflow.APPROVE, Map.of("approver", "mallory"));
    var approval =
        Map.of("approver", "bob", "reason", "ok", "requestId", "r-1", "ids", List.of("d-med"));
    stub.signal(ReconciliationWorkflow.APPROVE, approval);
    stub.signal(ReconciliationWorkflow.APPROVE, approval);
    stub.signal(
        ReconciliationWorkflow.REJECT,
        Map.of("approver", "alice", "requestId", "r-2", "ids", List.of("orphan-1")));
    Poll.status(cycle, s -> s.decisions().size() == 4 && s.pendingApproval() == 1);
    return TestCluster.result(cycle);
  }
}
