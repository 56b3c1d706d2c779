package io.recon.activities.repair;

import io.recon.core.spec.RepairPolicy;
import io.recon.workflows.cycle.Gate;

/**
 * The quality gate, as a rule: a cycle whose persistent discrepancies exceed the spec's divergence
 * ratio over the records compared, or whose repairs would exceed its maximum, trips the gate, and
 * then nothing is repaired automatically. Pure; the router feeds it the counts of its transaction.
 */
final class GateRule {
  private GateRule() {}

  /**
   * @param persistent the cycle's discrepancies already routed or still to route
   * @param reportedOnly those of them no write can repair (they are only reported)
   * @param compared the records the cycle compared; a cycle that compared none divides by one
   */
  static Gate evaluate(RepairPolicy policy, long persistent, long reportedOnly, long compared) {
    long repairs = persistent - reportedOnly;
    double ratio = (double) persistent / Math.max(1, compared);
    boolean tripped = ratio > policy.maxDivergenceRatio() || repairs > policy.maxRepairsPerCycle();
    return new Gate(
        tripped, ratio, policy.maxDivergenceRatio(), repairs, policy.maxRepairsPerCycle());
  }
}
