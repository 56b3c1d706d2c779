package io.recon.workflows.cycle;

import io.recon.workflows.activities.RepairOutcome;

/**
 * What became of a cycle's persistent discrepancies.
 *
 * @param repaired repair writes that took effect
 * @param pendingApproval held for a human decision right now; live while the cycle waits
 * @param rejected held repairs an approver rejected
 * @param expired held repairs nobody decided before {@code repair.approvalTimeout}; escalated to
 *     the job's owner
 * @param skippedConcurrentChange targets that changed since comparison, left for the next cycle
 * @param failed repair writes that failed
 * @param unresolved repaired, yet the sides still differ at verification
 * @param reported discrepancies recorded but never to be repaired (an orphan whose action is
 *     report)
 */
public record RepairCounts(
    long repaired,
    long pendingApproval,
    long rejected,
    long expired,
    long skippedConcurrentChange,
    long failed,
    long unresolved,
    long reported) {
  public static final RepairCounts ZERO = new RepairCounts(0, 0, 0, 0, 0, 0, 0, 0);

  /** After routing: what is held and what is only reported. */
  RepairCounts routed(long pending, long reportedOnly) {
    return new RepairCounts(
        repaired,
        pending,
        rejected,
        expired,
        skippedConcurrentChange,
        failed,
        unresolved,
        reportedOnly);
  }

  /** After a repair pass. */
  RepairCounts plus(RepairOutcome o) {
    return new RepairCounts(
        repaired + o.applied(),
        pendingApproval,
        rejected,
        expired,
        skippedConcurrentChange + o.skippedConcurrentChange(),
        failed + o.failed(),
        unresolved,
        reported);
  }

  /** After a decision: what is still held, and how many more were rejected. */
  RepairCounts decided(long stillPending, long newlyRejected) {
    return new RepairCounts(
        repaired,
        stillPending,
        rejected + newlyRejected,
        expired,
        skippedConcurrentChange,
        failed,
        unresolved,
        reported);
  }

  /** After the approval timed out: nothing is held any more. */
  RepairCounts expiredAll(long count) {
    return new RepairCounts(
        repaired,
        0,
        rejected,
        expired + count,
        skippedConcurrentChange,
        failed,
        unresolved,
        reported);
  }

  RepairCounts verified(long stillDiffering) {
    return new RepairCounts(
        repaired,
        pendingApproval,
        rejected,
        expired,
        skippedConcurrentChange,
        failed,
        unresolved + stillDiffering,
        reported);
  }
}
