package io.recon.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes a cycle's own lifecycle to the recon store. */
@ActivityInterface
public interface StoreActivities {

  /**
   * Records the cycle as RUNNING and returns the job's last successful watermark. Idempotent for
   * the same cycle id. Fails with the non-retryable {@code CYCLE_ALREADY_RUNNING} when another
   * cycle of the same job is still open, and {@code BAD_SPEC} when the spec cannot run.
   */
  @ActivityMethod
  CycleOpened openCycle(OpenCycle request);

  /**
   * Records how the cycle ended, with its totals. When the state is COMPLETED it moves the job's
   * watermark to {@code watermarkTo} in the same transaction, so the watermark only ever advances
   * past cycles that completed. Idempotent.
   */
  @ActivityMethod
  void closeCycle(CloseCycle request);
}
