package io.recon.workflows.schedule;

import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import org.slf4j.Logger;

/** One fire of a cron schedule: one cycle, waited for. */
public class ScheduledCyclesWorkflowImpl implements ScheduledCyclesWorkflow {
  private static final Logger log = Workflow.getLogger(ScheduledCyclesWorkflowImpl.class);

  @Override
  public String runScheduledCycle(ScheduleRequest request) {
    String cycleId = cycleId(request.spec().name());
    // Untyped, like every client of a cycle: the cycle takes its input raw (see
    // ReconciliationWorkflow#reconcile).
    ChildWorkflowStub cycle =
        Workflow.newUntypedChildWorkflowStub(
            ReconciliationWorkflow.TYPE,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(cycleId)
                // Deleting the schedule must not kill a cycle that is halfway through repairs.
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    try {
      cycle.execute(
          CycleResult.class,
          new CycleRequest(request.spec(), Mode.FULL, "schedule:" + request.scheduleName()));
    } catch (ChildWorkflowFailure e) {
      // A failed cycle (or one refused because another cycle of the job runs) is recorded by
      // the cycle itself; the schedule goes on to its next fire time.
      log.warn("scheduled cycle {} did not complete: {}", cycleId, e.getMessage());
    }
    return cycleId;
  }

  /**
   * The fire's cycle id. Fires that began before ids gained milliseconds and a random suffix keep
   * the id they started their child under, so that their histories replay.
   */
  private static String cycleId(String specName) {
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    int version = Workflow.getVersion(MILLISECOND_IDS, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return CycleIds.ofSecond(specName, now);
    }
    return CycleIds.of(specName, now, Workflow.randomUUID().getLeastSignificantBits());
  }

  static final String MILLISECOND_IDS = "cycle-id-milliseconds";
}
