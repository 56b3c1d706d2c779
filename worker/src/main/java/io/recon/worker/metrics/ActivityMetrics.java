package io.recon.worker.metrics;

import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.SettledCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns one completed activity (its type, arguments and result) into recon's metrics. It sees the
 * activities only from outside, through the worker interceptor, so the activities module knows
 * nothing of metrics. Each activity is recorded once it succeeds; a retried attempt that had
 * already succeeded but failed to report its completion is counted again, which the counters accept
 * as a rare over-count rather than add state to prevent it.
 */
final class ActivityMetrics {
  private final ReconMeters meters;
  private final StoreReadings store;
  private final GaugeRefresher refresher;
  private final Clock clock;
  private final FeedMetrics feed;

  ActivityMetrics(ReconMeters meters, StoreReadings store, GaugeRefresher refresher, Clock clock) {
    this(meters, store, refresher, clock, null);
  }

  /** With {@code feed}, a spec that has a {@code feed:} section gets its feed meters too. */
  ActivityMetrics(
      ReconMeters meters,
      StoreReadings store,
      GaugeRefresher refresher,
      Clock clock,
      FeedMetrics feed) {
    this.meters = meters;
    this.store = store;
    this.refresher = refresher;
    this.clock = clock;
    this.feed = feed;
  }

  /** Records what an activity of {@code type} did; {@code took} is its execution time. */
  void completed(String type, Object[] args, Object result, Duration took) {
    Optional<String> specName = ActivityArgs.specName(args);
    if (specName.isEmpty()) {
      return;
    }
    String spec = specName.get();
    SpecGauges gauges = meters.spec(spec);
    ActivityArgs.jobSpec(args).ifPresent(gauges::specSeen);
    if (feed != null && ActivityArgs.jobSpec(args).map(j -> j.feed() != null).orElse(false)) {
      feed.spec(spec);
    }
    switch (type) {
      case "CompareRange" -> {
        meters.compared(spec, ((DetectedCounts) result).volumes().compared());
        meters.rangeCompared(spec, took);
      }
      case "RecheckRange" -> {
        // Recheck has just set this range's statuses, and routing waits for every range, so the
        // query sees exactly this recheck's verdicts.
        RangeRequest range = ActivityArgs.first(args, RangeRequest.class).orElseThrow();
        for (StoreReadings.KindSeverityCount g :
            store.persistentInRange(range.cycleId(), range.rangeIndex())) {
          meters.discrepancies(spec, g.kind(), g.severity(), g.count());
        }
        meters.transients(spec, ((SettledCounts) result).transientCount());
      }
      case "Repair" -> {
        RepairOutcome outcome = (RepairOutcome) result;
        meters.repairs(spec, ReconMeters.APPLIED, outcome.applied());
        meters.repairs(spec, ReconMeters.SKIPPED, outcome.skippedConcurrentChange());
        meters.repairs(spec, ReconMeters.FAILED, outcome.failed());
      }
      case "Route" -> {
        RouteResult routed = (RouteResult) result;
        if (routed.gate() != null && routed.gate().tripped()) {
          meters.gateTripped(spec);
        }
        refresher.refreshSoon(spec);
      }
      case "CloseCycle" -> {
        CloseCycle closed = ActivityArgs.first(args, CloseCycle.class).orElseThrow();
        Instant now = clock.instant();
        store
            .cycleStartedAt(closed.cycleId())
            .ifPresent(
                started ->
                    meters.cycleClosed(
                        spec, String.valueOf(closed.state()), Duration.between(started, now)));
        refresher.refreshSoon(spec);
      }
      case "Verify" -> {
        CycleRef cycle = ActivityArgs.first(args, CycleRef.class).orElseThrow();
        for (Duration d : store.remediationTimes(cycle.cycleId(), clock.instant())) {
          meters.remediated(spec, d);
        }
      }
      case "Decide", "Expire" -> refresher.refreshSoon(spec);
      case "Deliver" -> {
        // An endpoint that already had the event was not posted to again: nothing to count.
        for (EscalationOutcome.Delivery d : ((EscalationOutcome) result).deliveries()) {
          if (!EscalationOutcome.ALREADY_SENT.equals(d.outcome())) {
            meters.escalationDelivered(spec, d.outcome());
          }
        }
      }
      default -> {
        // OpenCycle, PlanRanges and anything new only tag the spec's gauges.
      }
    }
  }
}
