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
   */
  public record ChainResult(String chain, long intactRows, BrokenLink broken) {}

  /**
   * Where a chain breaks.
   *
   * @param seq the sequence number of the first row that fails
   * @param kind CHANGED, DELETED, INSERTED or INSERTED_OR_REORDERED
   */
  public record BrokenLink(long seq, String kind, String detail) {}
}
