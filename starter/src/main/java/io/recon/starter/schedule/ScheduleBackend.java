package io.recon.starter.schedule;

/** Where a schedule lives. */
public enum ScheduleBackend {
  /** A Temporal Schedule, with overlap policy skip: what a real cluster offers. */
  SCHEDULES_API,
  /**
   * A cron workflow ({@code ScheduledCyclesWorkflow}): the fallback on servers without the
   * Schedules API, such as the embedded test server.
   */
  CRON_WORKFLOW;

  public String describe() {
    return this == SCHEDULES_API
        ? "Temporal Schedules API (overlap policy: skip)"
        : "cron workflow fallback: this Temporal server has no Schedules API (the embedded test"
            + " server); runs that would overlap a running cycle are skipped";
  }
}
