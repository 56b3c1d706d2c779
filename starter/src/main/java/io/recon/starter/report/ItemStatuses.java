package io.recon.starter.report;

import io.recon.workflows.cycle.DiscrepancyStatus;

/**
 * Maps a stored discrepancy status to the status a report shows. Statuses before routing (DETECTED,
 * PERSISTENT) read as REPORTED: the discrepancy was recorded and nothing was done to it.
 */
final class ItemStatuses {
  private ItemStatuses() {}

  static String shown(String stored) {
    DiscrepancyStatus status = DiscrepancyStatus.valueOf(stored);
    return switch (status) {
      case DETECTED, PERSISTENT -> DiscrepancyStatus.REPORTED.name();
      case TRANSIENT,
          PENDING_APPROVAL,
          APPROVED,
          REPAIRED,
          REJECTED,
          EXPIRED,
          SKIPPED_CONCURRENT_CHANGE,
          FAILED,
          UNRESOLVED,
          REPORTED ->
          status.name();
    };
  }
}
