package io.recon.worker.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store-derived gauges current: every spec on a fixed period, and one spec right after an
 * activity changed what its gauges show. One daemon thread does all of it, off the activity's
 * thread, so a slow store never delays an activity.
 */
final class GaugeRefresher implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(15);
  private static final Logger log = LoggerFactory.getLogger(GaugeRefresher.class);

  private final ReconMeters meters;
  private final StoreReadings store;
  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "recon-metrics-refresh");
            t.setDaemon(true);
            return t;
          });

  GaugeRefresher(ReconMeters meters, StoreReadings store, Clock clock) {
    this.meters = meters;
    this.store = store;
    this.clock = clock;
  }

  void start() {
    executor.scheduleWithFixedDelay(this::refreshAll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Refreshes one spec's gauges soon, on the refresher's thread. */
  void refreshSoon(String spec) {
    if (!executor.isShutdown()) {
      executor.execute(() -> refresh(spec));
    }
  }

  /** Every spec this worker has seen or the store knows. */
  void refreshAll() {
    Set<String> specs = new TreeSet<>(meters.specs());
    try {
      specs.addAll(store.specNames());
    } catch (RuntimeException e) {
      log.warn("cannot list specs for metrics: {}", e.toString());
    }
    specs.forEach(this::refresh);
  }

  void refresh(String spec) {
    try {
      meters.spec(spec).update(store.snapshot(spec), clock.instant());
    } catch (RuntimeException e) {
      // A store outage shows on /healthz; the gauges keep their last values meanwhile.
      log.warn("cannot refresh the gauges of spec {}: {}", spec, e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
