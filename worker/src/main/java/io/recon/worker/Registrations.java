package io.recon.worker;

import io.temporal.worker.Worker;

/** The one place that lists which workflows and activities a recon worker serves. */
final class Registrations {
  private Registrations() {}

  static void register(Worker worker, WorkerResources resources) {
    // The reconciliation workflows and activities register here as they are built.
  }
}
