package io.recon.workflows.cycle;

/**
 * What became of a cycle's persistent discrepancies.
 *
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
}
