package io.recon.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * The Temporal SDK's own metrics ({@code temporal_*}), reported into the worker's registry every
 * second. The SDK records latencies as plain timers; the dashboard and the task-queue backlog alert
 * take percentiles with {@code histogram_quantile}, so Temporal's timers also publish buckets, at
 * fixed bounds around the alert's 30-second threshold rather than Micrometer's ~70 default ones.
 */
final class TemporalMetricsScope {
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofMinutes(5)
  };

  private TemporalMetricsScope() {}

  /** Must run before the SDK registers its first meter: filters apply only to later meters. */
  static void publishLatencyBuckets(MeterRegistry registry) {
    double[] bounds = new double[LATENCY_BUCKETS.length];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = LATENCY_BUCKETS[i].toNanos(); // timers' distribution bounds are in nanoseconds
    }
    registry
        .config()
        .meterFilter(
            new MeterFilter() {
              @Override
              public DistributionStatisticConfig configure(
                  Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("temporal_")) {
                  return DistributionStatisticConfig.builder()
                      .serviceLevelObjectives(bounds)
                      .build()
                      .merge(config);
                }
                return config;
              }
            });
  }

  static Scope create(MeterRegistry registry) {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
  }
}
