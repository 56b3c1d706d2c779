package io.recon.starter.report;

/**
 * Maps a stored discrepancy status to the status a report shows. Statuses before routing (DETECTED,
 * PERSISTENT) read as REPORTED: the discrepancy was recorded and nothing was done to it.
 */
final class ItemStatuses {
  private ItemStatuses() {}

  static String shown(String stored) {
    return switch (stored) {
      case "DETECTED", "PERSISTENT" -> "REPORTED";
      default -> stored;
    };
  }
}
