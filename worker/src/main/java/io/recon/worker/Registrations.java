package io.recon.worker;

import io.recon.activities.compare.CompareActivitiesImpl;
import io.recon.activities.repair.AuditCipher;
import io.recon.activities.repair.RepairActivitiesImpl;
import io.recon.activities.store.StoreActivitiesImpl;
import io.recon.workflows.cycle.ReconciliationWorkflowImpl;
import io.recon.workflows.partition.PartitionWorkflowImpl;
import io.recon.workflows.schedule.ScheduledCyclesWorkflowImpl;
import io.temporal.worker.Worker;

/** The one place that lists which workflows and activities a recon worker serves. */
final class Registrations {
  private Registrations() {}

  static void register(Worker worker, WorkerResources resources) {
    worker.registerWorkflowImplementationTypes(
        ReconciliationWorkflowImpl.class,
        PartitionWorkflowImpl.class,
        ScheduledCyclesWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new CompareActivitiesImpl(resources.source(), resources.store(), resources.mongo()),
        new StoreActivitiesImpl(resources.store()),
        new RepairActivitiesImpl(
            resources.source(),
            resources.store(),
            resources.mongo(),
            AuditCipher.fromEnv(System.getenv())));
  }
}
