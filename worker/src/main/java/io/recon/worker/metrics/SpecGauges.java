package io.recon.worker.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.recon.core.spec.JobSpec;
import java.time.Instant;

/**
 * The gauges of one spec. Store-derived values are refreshed from the recon store, spec-derived
 * ones from the latest {@link JobSpec} an activity carried. The registry holds gauges weakly, so
 * {@link ReconMeters} keeps this object for the life of the worker.
 */
final class SpecGauges {
  private volatile double approvalsPending;
  private volatile double oldestPendingAge;
  private volatile double oldestUnresolvedAge;
  // NaN until the store says otherwise: Prometheus compares NaN as false, so no alert fires on a
  // value the worker has not read yet.
  private volatile double lastSuccess = Double.NaN;
  private volatile double divergenceRatio;
  private volatile double gateThreshold;
  private volatile double approvalTimeout;
  private volatile double schedulePeriod;

  static SpecGauges register(MeterRegistry registry, String spec) {
    SpecGauges g = new SpecGauges();
    gauge(registry, MetricNames.APPROVALS_PENDING, spec, g, x -> x.approvalsPending);
    gauge(registry, MetricNames.OLDEST_PENDING_APPROVAL_AGE, spec, g, x -> x.oldestPendingAge);
    gauge(registry, MetricNames.OLDEST_UNRESOLVED_AGE, spec, g, x -> x.oldestUnresolvedAge);
    gauge(registry, MetricNames.LAST_SUCCESS, spec, g, x -> x.lastSuccess);
    gauge(registry, MetricNames.DIVERGENCE_RATIO, spec, g, x -> x.divergenceRatio);
    gauge(registry, MetricNames.GATE_THRESHOLD, spec, g, x -> x.gateThreshold);
    gauge(registry, MetricNames.APPROVAL_TIMEOUT, spec, g, x -> x.approvalTimeout);
    gauge(registry, MetricNames.SCHEDULE_PERIOD, spec, g, x -> x.schedulePeriod);
    return g;
  }

  /** Takes the thresholds of the spec as it was last run. */
  void specSeen(JobSpec spec) {
    gateThreshold = spec.repair().maxDivergenceRatio();
    approvalTimeout = spec.repair().approvalTimeout().toSeconds();
    schedulePeriod = CronPeriod.seconds(spec.schedule());
  }

  /** Takes what the store says now. */
  void update(SpecSnapshot s, Instant now) {
    approvalsPending = s.pendingApprovals();
    oldestPendingAge = age(s.oldestPendingSince(), now);
    oldestUnresolvedAge = age(s.oldestUnresolvedSince(), now);
    lastSuccess = s.lastSuccess() == null ? Double.NaN : s.lastSuccess().getEpochSecond();
    divergenceRatio = s.divergenceRatio();
  }

  private static double age(Instant since, Instant now) {
    return since == null ? 0 : Math.max(0, now.getEpochSecond() - since.getEpochSecond());
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String spec,
      SpecGauges g,
      java.util.function.ToDoubleFunction<SpecGauges> value) {
    Gauge.builder(name, g, value).tag("spec", spec).register(registry);
  }
}
