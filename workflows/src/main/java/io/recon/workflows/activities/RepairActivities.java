package io.recon.workflows.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Routes, repairs and verifies a cycle's persistent discrepancies, and applies human decisions.
 * Every step appends to the hash-chained audit log in the same transaction as the change it
 * records.
 */
@ActivityInterface
public interface RepairActivities {

  /**
   * Routes every {@code PERSISTENT} discrepancy: severities in {@code repair.auto} to {@code
   * APPROVED}, orphans whose action is report to {@code REPORTED}, everything else (orphan deletes
   * always) to {@code PENDING_APPROVAL}. When persistent discrepancies over {@code compared} exceed
   * {@code maxDivergenceRatio}, or the repairs would exceed {@code maxRepairsPerCycle}, the gate
   * trips and nothing is approved automatically. Idempotent.
   */
  @ActivityMethod
  RouteResult route(RouteRequest request);

  /**
   * Applies every {@code APPROVED} repair of the cycle, in unordered bulk batches: re-reads the
   * source row by key, builds the mapped target fields, and writes only if the target is still in
   * the state that was compared (same hash, or still absent for MISSING); otherwise records {@code
   * SKIPPED_CONCURRENT_CHANGE}. Fields the spec does not map are preserved. Each repair has an
   * idempotency key (spec, cycle, record key, source hash) under a unique constraint and stores the
   * target's before-image, so a retried activity applies each repair at most once. Heartbeats per
   * batch.
   */
  @ActivityMethod
  RepairOutcome repair(CycleRef cycle);

  /**
   * Applies an approval or rejection to {@code PENDING_APPROVAL} discrepancies and audits it, or
   * audits a signal the workflow refused. Idempotent for the same request id.
   */
  @ActivityMethod
  DecideResult decide(DecideRequest request);

  /**
   * Marks every discrepancy still {@code PENDING_APPROVAL} as {@code EXPIRED} and escalates them to
   * the job's owner in the audit. Returns how many expired.
   */
  @ActivityMethod
  long expire(CycleRef cycle);

  /**
   * Re-reads the keys repaired in this cycle on both sides; those that still differ become {@code
   * UNRESOLVED}. Records the time from first seen to verified for each one that agrees.
   */
  @ActivityMethod
  VerifyResult verify(CycleRef cycle);
}
