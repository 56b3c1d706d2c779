package io.recon.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.Severity;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * recon's own meters, every one tagged {@code spec}. The first time a spec is seen, its counters
 * and timers are registered at zero: {@code increase()} and {@code rate()} need a series to exist
 * before its first event, or the first repair, trip or discrepancy of a spec is invisible to them.
 */
final class ReconMeters {
  static final String APPLIED = "applied";
  static final String SKIPPED = "skipped";
  static final String FAILED = "failed";
  static final String SENT = "sent";

  private final MeterRegistry registry;
  private final ConcurrentMap<String, SpecGauges> specs = new ConcurrentHashMap<>();

  ReconMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The spec's gauges, registering all of its meters the first time. */
  SpecGauges spec(String spec) {
    return specs.computeIfAbsent(
        spec,
        name -> {
          counter(MetricNames.RECORDS_COMPARED, name);
          counter(MetricNames.DISCREPANCIES_TRANSIENT, name);
          counter(MetricNames.GATE_TRIPS, name);
          for (String outcome : new String[] {APPLIED, SKIPPED, FAILED}) {
            repairs(name, outcome);
          }
          for (String outcome : new String[] {SENT, FAILED}) {
            escalations(name, outcome);
          }
          for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            for (Severity severity : Severity.values()) {
              discrepancies(name, kind.name(), severity.name());
            }
          }
          timer(MetricNames.RANGE_DURATION, name);
          timer(MetricNames.TIME_TO_REMEDIATION, name);
          return SpecGauges.register(registry, name);
        });
  }

  /** Every spec seen so far. */
  Set<String> specs() {
    return Set.copyOf(specs.keySet());
  }

  void compared(String spec, long records) {
    counter(MetricNames.RECORDS_COMPARED, spec).increment(records);
  }

  void rangeCompared(String spec, Duration took) {
    timer(MetricNames.RANGE_DURATION, spec).record(took);
  }

  void discrepancies(String spec, String kind, String severity, long count) {
    discrepancies(spec, kind, severity).increment(count);
  }

  void transients(String spec, long count) {
    counter(MetricNames.DISCREPANCIES_TRANSIENT, spec).increment(count);
  }

  void repairs(String spec, String outcome, long count) {
    repairs(spec, outcome).increment(count);
  }

  void gateTripped(String spec) {
    counter(MetricNames.GATE_TRIPS, spec).increment();
  }

  void cycleClosed(String spec, String status, Duration took) {
    Timer.builder(MetricNames.CYCLE_DURATION)
        .tag("spec", spec)
        .tag("status", status)
        .register(registry)
        .record(took);
  }

  void remediated(String spec, Duration took) {
    timer(MetricNames.TIME_TO_REMEDIATION, spec).record(took);
  }

  private Counter counter(String name, String spec) {
    return Counter.builder(name).tag("spec", spec).register(registry);
  }

  private Counter discrepancies(String spec, String kind, String severity) {
    return Counter.builder(MetricNames.DISCREPANCIES)
        .tag("spec", spec)
        .tag("kind", kind)
        .tag("severity", severity)
        .register(registry);
  }

  /** One escalation message to one endpoint, {@code sent} or {@code failed}. */
  void escalationDelivered(String spec, String outcome) {
    escalations(spec, outcome).increment();
  }

  private Counter escalations(String spec, String outcome) {
    return Counter.builder(MetricNames.ESCALATION_DELIVERIES)
        .tag("spec", spec)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter repairs(String spec, String outcome) {
    return Counter.builder(MetricNames.REPAIRS)
        .tag("spec", spec)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer timer(String name, String spec) {
    return Timer.builder(name).tag("spec", spec).register(registry);
  }
}
