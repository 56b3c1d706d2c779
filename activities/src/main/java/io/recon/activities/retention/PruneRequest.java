package io.recon.activities.retention;

/**
 * What {@code recon prune} was asked to do.
 *
 * @param spec the one spec to prune, or null for every spec the store knows
 * @param dryRun count what would go, change nothing
 * @param actor who prunes ({@code --by}); recorded in the audit and the checkpoints
 * @param batchSize rows one batch (one transaction) removes at most
 * @param maxBatches batches this run commits at most, 0 for no limit; a run stopped by it is
 *     resumed by the next
 */
public record PruneRequest(
    String spec, boolean dryRun, String actor, int batchSize, int maxBatches) {
  public static final int DEFAULT_BATCH_SIZE = 1000;

  public PruneRequest {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("PruneRequest.actor is required");
    }
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("--batch-size must be 1..100000, got " + batchSize);
    }
    if (maxBatches < 0) {
      throw new IllegalArgumentException("--max-batches must be >= 0, got " + maxBatches);
    }
  }
}
