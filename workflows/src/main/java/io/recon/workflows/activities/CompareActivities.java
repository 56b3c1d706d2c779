package io.recon.workflows.activities;

import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.SettledCounts;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Reads the source (PostgreSQL) and the target (MongoDB), compares them, and writes what differs to
 * the recon store. Records never leave the activity: only counts come back.
 */
@ActivityInterface
public interface CompareActivities {

  /**
   * Plans half-open key ranges from the source's key distribution (quantiles, not min/max
   * arithmetic) and stores their bounds as the cycle's partitions. The first and last ranges are
   * open-ended so that orphans beyond the source's keys are seen. Idempotent: re-planning a cycle
   * returns the ranges it stored before.
   */
  @ActivityMethod
  RangePlan planRanges(PlanRequest request);

  /**
   * Streams both sides of one range in key order through the merge-join and upserts every
   * discrepancy as {@code DETECTED} by its natural key (cycle, key, kind). Heartbeats the last
   * compared key with the counts so far; a retry resumes after that key, so nothing is lost or
   * counted twice. Returns the counts of detected (not yet rechecked) discrepancies.
   */
  @ActivityMethod
  DetectedCounts compareRange(RangeRequest request);

  /**
   * Re-reads exactly the keys detected in one range, on both sides. Those that agree now become
   * {@code TRANSIENT}; the others {@code PERSISTENT}, with their kind, fields and last-seen time
   * updated. Idempotent. Returns persistent counts by kind and severity, and the transient count.
   */
  @ActivityMethod
  SettledCounts recheckRange(RangeRequest request);
}
