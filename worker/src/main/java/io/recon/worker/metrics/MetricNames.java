package io.recon.worker.metrics;

/**
 * The names of recon's own metrics, as Micrometer meters. In Prometheus format they appear with
 * dots as underscores, counters with {@code _total}, timers in {@code _seconds}, and gauges as
 * named (see docs/operations.md). The Grafana dashboard and the alert rules in deploy/ are checked
 * against a worker's real output by a test, so renaming one here breaks the build, not the
 * dashboard.
 *
 * <p>Every meter is tagged {@code spec}; discrepancy counters also {@code kind} and {@code
 * severity}; repairs {@code outcome}; cycle durations {@code status}.
 */
public final class MetricNames {
  /** Counter: records compared. Prometheus: {@code recon_records_compared_total}. */
  public static final String RECORDS_COMPARED = "recon.records.compared";

  /**
   * Counter: persistent discrepancies found, tagged kind and severity. Prometheus: {@code
   * recon_discrepancies_total}.
   */
  public static final String DISCREPANCIES = "recon.discrepancies";

  /**
   * Counter: discrepancies that agreed again at recheck. Prometheus: {@code
   * recon_discrepancies_transient_total}.
   */
  public static final String DISCREPANCIES_TRANSIENT = "recon.discrepancies.transient";

  /**
   * Counter: repairs by outcome (applied, skipped, failed). Prometheus: {@code
   * recon_repairs_total}.
   */
  public static final String REPAIRS = "recon.repairs";

  /** Gauge: repairs waiting for approval. Prometheus: {@code recon_approvals_pending}. */
  public static final String APPROVALS_PENDING = "recon.approvals.pending";

  /** Counter: quality-gate trips. Prometheus: {@code recon_gate_trips_total}. */
  public static final String GATE_TRIPS = "recon.gate.trips";

  /** Timer: cycle duration, tagged status. Prometheus: {@code recon_cycle_duration_seconds}. */
  public static final String CYCLE_DURATION = "recon.cycle.duration";

  /** Timer: one range's comparison. Prometheus: {@code recon_range_duration_seconds}. */
  public static final String RANGE_DURATION = "recon.range.duration";

  /**
   * Timer: from a divergence first seen to its repair verified. Prometheus: {@code
   * recon_time_to_remediation_seconds}.
   */
  public static final String TIME_TO_REMEDIATION = "recon.time.to.remediation";

  /**
   * Gauge: age in seconds of the oldest unresolved persistent discrepancy. Prometheus: {@code
   * recon_oldest_unresolved_age_seconds}.
   */
  public static final String OLDEST_UNRESOLVED_AGE = "recon.oldest.unresolved.age.seconds";

  /**
   * Gauge: end time (epoch seconds) of the last successful cycle. Prometheus: {@code
   * recon_last_success_timestamp_seconds}.
   */
  public static final String LAST_SUCCESS = "recon.last.success.timestamp.seconds";

  /**
   * Gauge: persistent discrepancies over records compared in the last cycle. Prometheus: {@code
   * recon_divergence_ratio}.
   */
  public static final String DIVERGENCE_RATIO = "recon.divergence.ratio";

  /**
   * Counter: escalation messages by outcome (sent, failed), one per event and endpoint. Prometheus:
   * {@code recon_escalation_deliveries_total}.
   */
  public static final String ESCALATION_DELIVERIES = "recon.escalation.deliveries";

  /** Gauge: the spec's quality-gate threshold. Prometheus: {@code recon_gate_threshold}. */
  public static final String GATE_THRESHOLD = "recon.gate.threshold";

  /**
   * Gauge: the spec's approval timeout in seconds. Prometheus: {@code
   * recon_approval_timeout_seconds}.
   */
  public static final String APPROVAL_TIMEOUT = "recon.approval.timeout.seconds";

  /**
   * Gauge: age in seconds of the oldest pending approval. Prometheus: {@code
   * recon_approvals_oldest_pending_age_seconds}.
   */
  public static final String OLDEST_PENDING_APPROVAL_AGE =
      "recon.approvals.oldest.pending.age.seconds";

  /**
   * Gauge: the spec's schedule period in seconds, 0 if unscheduled. Prometheus: {@code
   * recon_schedule_period_seconds}.
   */
  public static final String SCHEDULE_PERIOD = "recon.schedule.period.seconds";

  /**
   * Gauge: bytes of WAL between the source's current position and the feed's confirmed one.
   * Prometheus: {@code recon_feed_replication_lag_bytes}.
   */
  public static final String FEED_LAG_BYTES = "recon.feed.replication.lag.bytes";

  /**
   * Gauge: seconds since the newest change a feed's poll read was committed, tagged origin (0 when
   * a poll found nothing new). Prometheus: {@code recon_feed_replication_lag_seconds}.
   */
  public static final String FEED_LAG_SECONDS = "recon.feed.replication.lag.seconds";

  /**
   * Gauge: distinct keys waiting for the feed's next key-set cycle. Prometheus: {@code
   * recon_feed_keys_waiting}.
   */
  public static final String FEED_KEYS_WAITING = "recon.feed.keys.waiting";

  /**
   * Counter: changes a feed read, tagged origin (source, target). Prometheus: {@code
   * recon_feed_changes_total}.
   */
  public static final String FEED_CHANGES = "recon.feed.changes";

  /**
   * Counter: changes read whose job key could not be decoded, tagged origin. Prometheus: {@code
   * recon_feed_keys_undecodable_total}.
   */
  public static final String FEED_UNDECODABLE = "recon.feed.keys.undecodable";

  /**
   * Histogram: from a key's first unreconciled change to its verdict in a key-set cycle.
   * Prometheus: {@code recon_feed_change_to_verdict_seconds}.
   */
  public static final String FEED_CHANGE_TO_VERDICT = "recon.feed.change.to.verdict";

  /**
   * Gauge: bytes of WAL the source retains for the feed's replication slot. Prometheus: {@code
   * recon_feed_slot_retained_wal_bytes}.
   */
  public static final String FEED_SLOT_RETAINED_WAL = "recon.feed.slot.retained.wal.bytes";

  /**
   * Gauge: 1 while the target has no change streams (the feed relies on the scheduled full cycle
   * for target-side changes), else 0. Prometheus: {@code recon_feed_target_unsupported}.
   */
  public static final String FEED_TARGET_UNSUPPORTED = "recon.feed.target.unsupported";

  private MetricNames() {}
}
