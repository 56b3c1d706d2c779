package io.recon.workflows.activities;

/**
 * What one repair pass did. Counts only; each repair's detail is in the store and the audit.
 *
 * @param applied writes that took effect
 * @param skippedConcurrentChange targets that changed since comparison, left for the next cycle
 * @param failed writes that failed, each with its error recorded
 */
public record RepairOutcome(long applied, long skippedConcurrentChange, long failed) {
  public static final RepairOutcome NONE = new RepairOutcome(0, 0, 0);

  public RepairOutcome plus(RepairOutcome o) {
    return new RepairOutcome(
        applied + o.applied,
        skippedConcurrentChange + o.skippedConcurrentChange,
        failed + o.failed);
  }
}
