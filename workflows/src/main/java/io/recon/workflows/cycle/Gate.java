package io.recon.workflows.cycle;

/**
 * The quality gate's verdict for a cycle. When it trips, nothing is repaired automatically.
 *
 * @param ratio persistent discrepancies divided by records compared
 * @param threshold the spec's {@code repair.maxDivergenceRatio}
 * @param repairs repairs the cycle would make
 * @param maxRepairs the spec's {@code repair.maxRepairsPerCycle}
 */
public record Gate(boolean tripped, double ratio, double threshold, long repairs, long maxRepairs) {
  public static final Gate OPEN = new Gate(false, 0, 0, 0, 0);

  /** One line for the status and the audit. */
  public String describe() {
    if (!tripped) {
      return "gate open";
    }
    return String.format(
        java.util.Locale.ROOT,
        "gate tripped: divergence ratio %.4f (threshold %.4f), %d repairs (max %d)",
        ratio,
        threshold,
        repairs,
        maxRepairs);
  }
}
