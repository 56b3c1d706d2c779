package io.recon.activities.repair;

import java.util.List;

/**
 * What a rollback did.
 *
 * @param outcomes one per repair considered: ROLLED_BACK, or SKIPPED with the reason
 */
public record RollbackResult(long rolledBack, long skipped, List<Outcome> outcomes) {
  public RollbackResult {
    outcomes = List.copyOf(outcomes);
  }

  public record Outcome(long discrepancyId, String status, String reason) {}
}
