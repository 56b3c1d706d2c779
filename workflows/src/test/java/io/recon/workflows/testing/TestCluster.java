package io.recon.workflows.testing;

import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.EscalationActivities;
import io.recon.workflows.activities.RepairActivities;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.recon.workflows.cycle.ReconciliationWorkflowImpl;
import io.recon.workflows.partition.PartitionWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.RawValue;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Functions;

/**
 * An in-memory Temporal with time skipping and one worker serving both workflows over the given
 * fake activities. Time skips only while a test waits for a result, so a test can signal and query
 * a waiting cycle before its approval timer fires.
 */
public final class TestCluster implements AutoCloseable {
  public static final String QUEUE = "recon-test";

  public final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  public final WorkflowClient client = env.getWorkflowClient();

  /** With a repair side that holds no discrepancies: routing finds nothing to repair. */
  public TestCluster(CompareActivities compare, StoreActivities store) {
    this(compare, store, new FakeRepair(), ReconciliationWorkflowImpl::new);
  }

  public TestCluster(CompareActivities compare, StoreActivities store, RepairActivities repair) {
    this(compare, store, repair, ReconciliationWorkflowImpl::new);
  }

  /** With a custom factory of the cycle workflow, e.g. one with a small run budget. */
  public TestCluster(
      CompareActivities compare,
      StoreActivities store,
      Functions.Func<ReconciliationWorkflow> cycleFactory) {
    this(compare, store, new FakeRepair(), cycleFactory);
  }

  public TestCluster(
      CompareActivities compare,
      StoreActivities store,
      RepairActivities repair,
      Functions.Func<ReconciliationWorkflow> cycleFactory) {
    this(compare, store, repair, cycleFactory, new Object[0]);
  }

  /** With an escalation side too, for specs that name an {@code escalation:} endpoint. */
  public TestCluster(
      CompareActivities compare,
      StoreActivities store,
      RepairActivities repair,
      EscalationActivities escalation) {
    this(compare, store, repair, ReconciliationWorkflowImpl::new, new Object[] {escalation});
  }

  private TestCluster(
      CompareActivities compare,
      StoreActivities store,
      RepairActivities repair,
      Functions.Func<ReconciliationWorkflow> cycleFactory,
      Object[] more) {
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationFactory(ReconciliationWorkflow.class, cycleFactory);
    worker.registerWorkflowImplementationTypes(PartitionWorkflowImpl.class);
    worker.registerActivitiesImplementations(compare, store, repair);
    if (more.length > 0) {
      worker.registerActivitiesImplementations(more);
    }
    env.start();
  }

  /** A typed stub of a new cycle with workflow id {@code id}. */
  public ReconciliationWorkflow cycle(String id) {
    return client.newWorkflowStub(
        ReconciliationWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
  }

  /** Starts the cycle without waiting for it. */
  public ReconciliationWorkflow start(String id, CycleRequest request) {
    ReconciliationWorkflow cycle = cycle(id);
    // The input is the request's JSON, as every client sends it; the typed start keeps the first
    // run's execution on the stub, which tests that follow the chain of runs need.
    WorkflowClient.start(
        cycle::reconcile,
        new RawValue(DefaultDataConverter.STANDARD_INSTANCE.toPayload(request).orElseThrow()));
    return cycle;
  }

  public static CycleResult result(ReconciliationWorkflow cycle) {
    return WorkflowStub.fromTyped(cycle).getResult(CycleResult.class);
  }

  @Override
  public void close() {
    env.close();
  }
}
