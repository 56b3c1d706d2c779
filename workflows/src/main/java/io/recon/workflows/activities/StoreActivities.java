package io.recon.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Writes a cycle's own lifecycle to the recon store. */
@ActivityInterface
public interface StoreActivities {

  /**
   * The registered spec a cycle started by name runs with: {@code version}, or the latest when it
   * is null. Read-only, so safe to retry. Fails with the non-retryable {@code UNKNOWN_SPEC} when
   * the registry holds no such name or version, and {@code BAD_SPEC} when the stored text no longer
   * passes the spec checks.
   */
  @ActivityMethod
  ResolvedSpec resolveSpec(SpecRef ref);

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
