package io.recon.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationKind;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActivityMetricsTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
  private static final DetectedCounts COMPARED =
      new DetectedCounts(new Volumes(100, 98, 103), new Findings(2, 3, 5, 0, 0), Severities.NONE);
  private static final SettledCounts SETTLED =
      new SettledCounts(new Findings(2, 3, 5, 0, 0), Severities.NONE, 1);

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final FakeStore store = new FakeStore();
  private final ReconMeters meters = new ReconMeters(registry);
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final GaugeRefresher refresher = new GaugeRefresher(meters, store, clock);
  private final ActivityMetrics metrics = new ActivityMetrics(meters, store, refresher, clock);

  @AfterEach
  void stop() {
    refresher.close();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tag("spec", "customers").tags(tags).counter().count();
  }

  private double gauge(String name) {
    return registry.get(name).tag("spec", "customers").gauge().value();
  }

  @Test
  void compareRangeCountsComparedRecordsAndTimesTheRange() {
    metrics.completed(
        "CompareRange", new Object[] {Contracts.range(0)}, COMPARED, Duration.ofSeconds(3));
    metrics.completed(
        "CompareRange", new Object[] {Contracts.range(1)}, COMPARED, Duration.ofSeconds(1));

    assertEquals(206, counter(MetricNames.RECORDS_COMPARED));
    var timer = registry.get(MetricNames.RANGE_DURATION).tag("spec", "customers").timer();
    assertEquals(2, timer.count());
    assertEquals(4, timer.totalTime(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void recheckRangeCountsTheRangesPersistentDiscrepanciesByKindAndSeverityAndItsTransients() {
    store.persistent.add(new StoreReadings.KindSeverityCount("MISMATCH", "HIGH", 4));
    store.persistent.add(new StoreReadings.KindSeverityCount("MISSING", "MEDIUM", 2));

    metrics.completed("RecheckRange", new Object[] {Contracts.range(2)}, SETTLED, Duration.ZERO);

    assertEquals(4, counter(MetricNames.DISCREPANCIES, "kind", "MISMATCH", "severity", "HIGH"));
    assertEquals(2, counter(MetricNames.DISCREPANCIES, "kind", "MISSING", "severity", "MEDIUM"));
    assertEquals(0, counter(MetricNames.DISCREPANCIES, "kind", "ORPHAN", "severity", "LOW"));
    assertEquals(1, counter(MetricNames.DISCREPANCIES_TRANSIENT));
  }

  @Test
  void repairCountsEachOutcome() {
    metrics.completed(
        "Repair",
        new Object[] {new CycleRef(Contracts.SPEC, "cycle-1")},
        new RepairOutcome(7, 2, 1),
        Duration.ZERO);

    assertEquals(7, counter(MetricNames.REPAIRS, "outcome", "applied"));
    assertEquals(2, counter(MetricNames.REPAIRS, "outcome", "skipped"));
    assertEquals(1, counter(MetricNames.REPAIRS, "outcome", "failed"));
  }

  @Test
  void deliverCountsEachEndpointsOutcomeButNotAnEventAlreadySent() {
    EscalationEvent event =
        new EscalationEvent(
            Contracts.SPEC,
            "cycle-1",
            "cycle-1/gate.tripped",
            EscalationKind.GATE_TRIPPED,
            NOW,
            "gate tripped",
            null,
            null,
            null);
    metrics.completed(
        "Deliver",
        new Object[] {event},
        new EscalationOutcome(
            event.eventId(),
            List.of(
                new EscalationOutcome.Delivery("webhook", EscalationOutcome.SENT, 1, 200, null),
                new EscalationOutcome.Delivery(
                    "alertmanager", EscalationOutcome.FAILED, 5, 503, "HTTP 503"))),
        Duration.ZERO);
    metrics.completed(
        "Deliver",
        new Object[] {event},
        new EscalationOutcome(
            event.eventId(),
            List.of(
                new EscalationOutcome.Delivery(
                    "webhook", EscalationOutcome.ALREADY_SENT, 0, 0, null))),
        Duration.ZERO);

    assertEquals(1, counter(MetricNames.ESCALATION_DELIVERIES, "outcome", "sent"));
    assertEquals(1, counter(MetricNames.ESCALATION_DELIVERIES, "outcome", "failed"));
  }

  @Test
  void routeCountsATripOnlyWhenTheGateTripped() {
    Object[] args = {new RouteRequest(Contracts.SPEC, "cycle-1", 1000)};
    metrics.completed("Route", args, new RouteResult(Gate.OPEN, 5, 0, 0), Duration.ZERO);
    assertEquals(0, counter(MetricNames.GATE_TRIPS));

    Gate tripped = new Gate(true, 0.3, 0.1, 300, 100_000);
    metrics.completed("Route", args, new RouteResult(tripped, 0, 300, 0), Duration.ZERO);
    assertEquals(1, counter(MetricNames.GATE_TRIPS));
  }

  @Test
  void closeCycleTimesTheCycleFromItsStoredStartTaggedWithItsStatus() {
    store.startedAt = NOW.minusSeconds(90);

    metrics.completed(
        "CloseCycle", new Object[] {Contracts.close(CycleState.COMPLETED)}, null, Duration.ZERO);

    var timer =
        registry
            .get(MetricNames.CYCLE_DURATION)
            .tags("spec", "customers", "status", "COMPLETED")
            .timer();
    assertEquals(1, timer.count());
    assertEquals(90, timer.totalTime(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void verifyRecordsEachRemediationTime() {
    store.remediation.add(Duration.ofMinutes(5));
    store.remediation.add(Duration.ofHours(2));

    metrics.completed(
        "Verify",
        new Object[] {new CycleRef(Contracts.SPEC, "cycle-1")},
        new io.recon.workflows.activities.VerifyResult(2, 0),
        Duration.ZERO);

    var timer = registry.get(MetricNames.TIME_TO_REMEDIATION).tag("spec", "customers").timer();
    assertEquals(2, timer.count());
    assertEquals(7500, timer.totalTime(java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(7200, timer.max(java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void aSpecSeenOnceHasEveryCounterAtZeroAndItsThresholdsAsGauges() {
    metrics.completed("OpenCycle", new Object[] {Contracts.range(0)}, null, Duration.ZERO);

    assertEquals(0, counter(MetricNames.REPAIRS, "outcome", "failed"));
    assertEquals(0, counter(MetricNames.GATE_TRIPS));
    assertEquals(0, counter(MetricNames.DISCREPANCIES, "kind", "ORPHAN", "severity", "HIGH"));
    assertEquals(0.1, gauge(MetricNames.GATE_THRESHOLD));
    assertEquals(7200, gauge(MetricNames.APPROVAL_TIMEOUT));
    assertEquals(1800, gauge(MetricNames.SCHEDULE_PERIOD));
    assertTrue(Double.isNaN(gauge(MetricNames.LAST_SUCCESS)), "unknown until the store says");
  }

  @Test
  void refreshTurnsTheStoresSnapshotIntoAgesAndTimestamps() {
    store.specs.add("customers");
    store.snapshot =
        new SpecSnapshot(
            3, NOW.minusSeconds(600), NOW.minusSeconds(7200), NOW.minusSeconds(30), 0.25);

    refresher.refreshAll();

    assertEquals(3, gauge(MetricNames.APPROVALS_PENDING));
    assertEquals(600, gauge(MetricNames.OLDEST_PENDING_APPROVAL_AGE));
    assertEquals(7200, gauge(MetricNames.OLDEST_UNRESOLVED_AGE));
    assertEquals(NOW.getEpochSecond() - 30, gauge(MetricNames.LAST_SUCCESS));
    assertEquals(0.25, gauge(MetricNames.DIVERGENCE_RATIO));
  }

  @Test
  void aStoreOutageKeepsTheGaugesLastValues() {
    store.specs.add("customers");
    store.snapshot = new SpecSnapshot(3, null, null, NOW, 0);
    refresher.refreshAll();
    store.failing = true;

    refresher.refreshAll();

    assertEquals(3, gauge(MetricNames.APPROVALS_PENDING));
  }
}
