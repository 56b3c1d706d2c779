package io.recon.workflows.schedule;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The stand-in for a Temporal Schedule on servers without the Schedules API (the embedded test
 * server). Started with a cron expression, each run starts one cycle as a child and waits for it,
 * so a cycle still running at the next fire time makes that fire time pass: the overlap policy is
 * skip, as with a real schedule.
 */
@WorkflowInterface
public interface ScheduledCyclesWorkflow {
  String TYPE = "ScheduledCyclesWorkflow";

  @WorkflowMethod(name = TYPE)
  String runScheduledCycle(ScheduleRequest request);
}
