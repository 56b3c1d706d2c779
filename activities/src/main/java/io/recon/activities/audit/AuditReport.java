package io.recon.activities.audit;

import java.util.List;

/** The verdict of {@link AuditVerifier}: one result per chain. */
public record AuditReport(List<ChainResult> chains) {

  /** Whether every chain verified intact. */
  public boolean intact() {
    return chains.stream().allMatch(c -> c.broken() == null);
  }

  /**
   * One chain's verdict.
   *
   * @param intactRows rows verified before the first broken link (all of them when intact)
   * @param broken the first broken link, or null when the chain is intact
   * @param from the checkpoint verification started from, or null when the chain was never pruned
   *     and was verified from its first row
   */
  public record ChainResult(String chain, long intactRows, BrokenLink broken, VerifiedFrom from) {
    public ChainResult(String chain, long intactRows, BrokenLink broken) {
      this(chain, intactRows, broken, null);
    }
  }

  /**
   * Where a pruned chain's verification started: after its newest checkpoint, whose own chain of
   * checkpoints verified intact.
   *
   * @param checkpoint the newest checkpoint's number
   * @param firstKeptSeq the sequence number verification started at
   * @param prunedBefore the time of the newest row retention removed
   * @param prunedRows how many rows all checkpoints sealed
   */
  public record VerifiedFrom(
      int checkpoint, long firstKeptSeq, java.time.Instant prunedBefore, long prunedRows) {}

  /**
   * Where a chain breaks.
   *
   * @param seq the sequence number of the first row that fails
   * @param kind CHANGED, DELETED, INSERTED, INSERTED_OR_REORDERED or CHECKPOINT (a checkpoint
   *     changed, missing, or named by no audit event)
   */
  public record BrokenLink(long seq, String kind, String detail) {}
}
