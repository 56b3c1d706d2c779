package io.recon.activities.retention;

import java.util.List;

/**
 * What a prune removed, or with {@code dryRun} would remove.
 *
 * @param complete false when {@code maxBatches} stopped the run before everything past retention
 *     was removed; the next run goes on from there
 * @param batches the batches committed (0 in a dry run)
 */
public record PruneReport(boolean dryRun, boolean complete, int batches, List<SpecPrune> specs) {
  public PruneReport {
    specs = List.copyOf(specs);
  }

  /** Whether some spec's retention could not be applied. */
  public boolean anyProblem() {
    return specs.stream().anyMatch(s -> s.problem() != null);
  }

  /**
   * One spec's share.
   *
   * @param discrepanciesWindow the window applied, e.g. {@code 90d}, or null (kept forever)
   * @param discrepancies settled discrepancies removed
   * @param repairs repair rows removed with them
   * @param beforeImages repairs whose before- and after-images were removed
   * @param auditRows audit rows removed under checkpoints
   * @param checkpoint the newest checkpoint this run wrote, or 0
   * @param problem why this spec's retention was not applied, or null
   */
  public record SpecPrune(
      String spec,
      String discrepanciesWindow,
      String beforeImagesWindow,
      String auditWindow,
      long discrepancies,
      long repairs,
      long beforeImages,
      long auditRows,
      int checkpoint,
      String problem) {}
}
