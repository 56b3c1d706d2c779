package io.recon.core.compare;

/** Receives discrepancies as the merge-join finds them, in key order. */
@FunctionalInterface
public interface DiscrepancySink {
  void accept(Discrepancy discrepancy);
}
