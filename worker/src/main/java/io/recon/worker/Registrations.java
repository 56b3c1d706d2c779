package io.recon.worker;

import io.recon.activities.compare.CompareActivitiesImpl;
import io.recon.activities.escalation.EscalationActivitiesImpl;
import io.recon.activities.escalation.EscalationSettings;
import io.recon.activities.feed.FeedActivitiesImpl;
import io.recon.activities.feed.FeedObserver;
import io.recon.activities.feed.mongo.MongoCaptureOrigin;
import io.recon.activities.feed.pg.PgCaptureOrigin;
import io.recon.activities.feed.pg.PgCaptureSettings;
import io.recon.activities.repair.AuditCipher;
import io.recon.activities.repair.RepairActivitiesImpl;
import io.recon.activities.store.StoreActivitiesImpl;
import io.recon.workflows.cycle.ReconciliationWorkflowImpl;
import io.recon.workflows.feed.FeedWorkflowImpl;
import io.recon.workflows.partition.PartitionWorkflowImpl;
import io.recon.workflows.schedule.ScheduledCyclesWorkflowImpl;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** The one place that lists which workflows and activities a recon worker serves. */
final class Registrations {
  private Registrations() {}

  static void register(Worker worker, WorkerResources resources) {
    register(worker, resources, UnaryOperator.identity());
  }

  /**
   * As {@link #register(Worker, WorkerResources)}, with each activity implementation passed through
   * {@code decorate} first; tests use it to make an activity fail in a way no real input can.
   */
  static void register(Worker worker, WorkerResources resources, UnaryOperator<Object> decorate) {
    register(worker, resources, decorate, FeedObserver.NONE);
  }

  /** As above, with the feed's activities reporting to {@code feedObserver} (the metrics). */
  static void register(
      Worker worker,
      WorkerResources resources,
      UnaryOperator<Object> decorate,
      FeedObserver feedObserver) {
    worker.registerWorkflowImplementationTypes(
        ReconciliationWorkflowImpl.class,
        PartitionWorkflowImpl.class,
        ScheduledCyclesWorkflowImpl.class,
        FeedWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        decorate.apply(
            new CompareActivitiesImpl(resources.source(), resources.store(), resources.mongo())),
        decorate.apply(new StoreActivitiesImpl(resources.store())),
        decorate.apply(
            new RepairActivitiesImpl(
                resources.source(),
                resources.store(),
                resources.mongo(),
                AuditCipher.fromEnv(resources.config().settings()))),
        decorate.apply(feedActivities(resources, feedObserver)),
        decorate.apply(
            new EscalationActivitiesImpl(
                resources.store(), EscalationSettings.of(resources.config()))));
  }

  /**
   * The continuous mode's activities: the source side reads the job's logical replication slot
   * (PgCapture); the target side follows the collection's change stream where the server has one.
   */
  static FeedActivitiesImpl feedActivities(WorkerResources resources, FeedObserver feedObserver) {
    return new FeedActivitiesImpl(
        resources.store(),
        new PgCaptureOrigin(PgCaptureSettings.of(resources.config()), resources.source()),
        new MongoCaptureOrigin(resources.mongo(), resources.source()),
        Clock.systemUTC(),
        latencyMillis -> {},
        feedObserver);
  }
}
