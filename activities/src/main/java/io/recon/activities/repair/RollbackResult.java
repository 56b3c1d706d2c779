package io.recon.activities.repair;

import java.util.List;

/**
 * What a rollback did.
 *
 * @param pruned repairs that can no longer be rolled back: retention removed their before-image
 * @param outcomes one per repair considered: ROLLED_BACK, or SKIPPED or PRUNED with the reason
 */
public record RollbackResult(long rolledBack, long skipped, long pruned, List<Outcome> outcomes) {
  public RollbackResult {
    outcomes = List.copyOf(outcomes);
  }

  public record Outcome(long discrepancyId, String status, String reason) {}
}
