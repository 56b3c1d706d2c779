package io.recon.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.embedded.testing.DeployMetricNames;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FeedMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FeedMetrics feed = new FeedMetrics(registry);

  private double gauge(String name, String origin) {
    var search = registry.find(name).tag("spec", "orders");
    if (origin != null) {
      search = search.tag("origin", origin);
    }
    Gauge g = search.gauge();
    return g == null ? -42 : g.value();
  }

  private double changes(String origin) {
    return registry
        .get(MetricNames.FEED_CHANGES)
        .tags("spec", "orders", "origin", origin)
        .counter()
        .count();
  }

  @Test
  void aSourcePollCountsItsChangesAndTakesItsLagAndRetainedWal() {
    feed.record(
        new CaptureResult(120, 118, "0/16B3748", 4096, 2500, 10L << 20, null),
        ChangeOrigin.SOURCE,
        "orders");
    feed.record(
        new CaptureResult(30, 30, "0/16B4000", 0, 800, 11L << 20, null),
        ChangeOrigin.SOURCE,
        "orders");
    assertEquals(150, changes("source"));
    assertEquals(0, changes("target"));
    assertEquals(0, gauge(MetricNames.FEED_LAG_BYTES, null));
    assertEquals(0.8, gauge(MetricNames.FEED_LAG_SECONDS, "source"));
    assertEquals(11L << 20, gauge(MetricNames.FEED_SLOT_RETAINED_WAL, null));
    assertTrue(Double.isNaN(gauge(MetricNames.FEED_LAG_SECONDS, "target")), "not measured yet");
  }

  @Test
  void aTargetPollNeverOverwritesTheSourceOnlyGaugesWithItsMinusOnes() {
    feed.record(new CaptureResult(1, 1, "0/1", 100, 50, 2048, null), ChangeOrigin.SOURCE, "orders");
    feed.record(
        new CaptureResult(5, 4, "{\"_data\": \"A\"}", -1, 1500, -1, null, 0, 1),
        ChangeOrigin.TARGET,
        "orders");
    assertEquals(100, gauge(MetricNames.FEED_LAG_BYTES, null));
    assertEquals(2048, gauge(MetricNames.FEED_SLOT_RETAINED_WAL, null));
    assertEquals(1.5, gauge(MetricNames.FEED_LAG_SECONDS, "target"));
    assertEquals(5, changes("target"));
    assertEquals(
        1,
        registry
            .get(MetricNames.FEED_UNDECODABLE)
            .tags("spec", "orders", "origin", "target")
            .counter()
            .count());
    assertEquals(0, gauge(MetricNames.FEED_TARGET_UNSUPPORTED, null));
  }

  @Test
  void aQuietPollMeansCaughtUpAndAnUnsupportedTargetIsFlagged() {
    feed.record(new CaptureResult(0, 0, null, 0, -1, 0, null), ChangeOrigin.SOURCE, "orders");
    assertEquals(0, gauge(MetricNames.FEED_LAG_SECONDS, "source"));
    feed.record(
        new CaptureResult(0, 0, null, -1, -1, -1, "no change streams on shop.orders: ..."),
        ChangeOrigin.TARGET,
        "orders");
    assertEquals(1, gauge(MetricNames.FEED_TARGET_UNSUPPORTED, null));
  }

  @Test
  void keysWaitingAndChangeToVerdictAreRecorded() {
    feed.keysWaiting("orders", 37);
    assertEquals(37, gauge(MetricNames.FEED_KEYS_WAITING, null));
    feed.verdict("orders", Duration.ofMillis(6200));
    feed.verdict("orders", Duration.ofSeconds(14));
    feed.verdict("orders", Duration.ofSeconds(-1)); // a skewed clock: not a latency
    Timer t = registry.get(MetricNames.FEED_CHANGE_TO_VERDICT).tag("spec", "orders").timer();
    assertEquals(2, t.count());
    assertEquals(14, t.max(java.util.concurrent.TimeUnit.SECONDS), 1e-9);
  }

  @Test
  void aSpecsMetersExistBeforeItsFirstChangeCountersAtZeroGaugesAtNaN() {
    feed.spec("orders");
    assertEquals(0, changes("source"));
    assertEquals(0, changes("target"));
    assertTrue(Double.isNaN(gauge(MetricNames.FEED_KEYS_WAITING, null)));
    assertTrue(Double.isNaN(gauge(MetricNames.FEED_LAG_BYTES, null)));
    assertEquals(
        0, registry.get(MetricNames.FEED_CHANGE_TO_VERDICT).tag("spec", "orders").timer().count());
  }

  @Test
  void prometheusShowsEveryDeclaredFeedSeriesWithTheVerdictBuckets() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FeedMetrics metrics = new FeedMetrics(prometheus);
    metrics.verdict("orders", Duration.ofSeconds(7));
    Scrape scrape = Scrape.parse(prometheus.scrape());
    Set<String> declared = new TreeSet<>();
    for (DeployMetricNames.Declared d : DeployMetricNames.declared(DeployMetricNames.repoRoot())) {
      if (d.meterName().startsWith("recon.feed.")) {
        declared.addAll(d.series());
      }
    }
    assertTrue(declared.size() >= 11, "feed series declared: " + declared);
    Set<String> missing = new TreeSet<>(declared);
    missing.removeAll(scrape.names());
    assertEquals(Set.of(), missing, scrape.text);
    // 7 s falls in the 7.5 s bucket and every one above it; the 10 s target is a bucket bound.
    assertEquals(
        1,
        scrape.sum(
            "recon_feed_change_to_verdict_seconds_bucket", Map.of("spec", "orders", "le", "7.5")));
    assertEquals(
        0,
        scrape.sum(
            "recon_feed_change_to_verdict_seconds_bucket", Map.of("spec", "orders", "le", "5.0")));
    assertEquals(
        1,
        scrape.sum(
            "recon_feed_change_to_verdict_seconds_bucket", Map.of("spec", "orders", "le", "10.0")));
  }
}
