package io.recon.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.FeedObserver;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous mode's meters, every one tagged {@code spec} (see {@link MetricNames}, {@code
 * FEED_*}). The feed activities report through it after each poll and each key-set cycle; a spec's
 * meters are registered the first time the worker sees the spec with a {@code feed:} section or
 * hears of it here, counters at zero and gauges at NaN until a poll reports them, so that {@code
 * rate()} sees the first change and no alert fires on a value nobody measured.
 */
public final class FeedMetrics implements FeedObserver {
  /**
   * Change-to-verdict buckets: fine up to the 10 s target, then far enough to hold 60 s plus a
   * settle delay of several minutes.
   */
  static final Duration[] VERDICT_BUCKETS = {
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(3),
    Duration.ofSeconds(5),
    Duration.ofMillis(7500),
    Duration.ofSeconds(10),
    Duration.ofSeconds(15),
    Duration.ofSeconds(20),
    Duration.ofSeconds(30),
    Duration.ofSeconds(45),
    Duration.ofSeconds(60),
    Duration.ofSeconds(90),
    Duration.ofSeconds(120),
    Duration.ofSeconds(180),
    Duration.ofSeconds(300),
    Duration.ofSeconds(600)
  };

  private static final Logger LOG = LoggerFactory.getLogger(FeedMetrics.class);

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Gauges> specs = new ConcurrentHashMap<>();

  public FeedMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Counts the poll's changes and undecodable keys and takes its lag, retained WAL (source) and
   * support (target). A target without change streams is reported as a result whose {@code
   * unsupported} is set, once, by the feed that does not poll it.
   */
  @Override
  public void record(CaptureResult result, ChangeOrigin origin, String spec) {
    try {
      Gauges g = spec(spec);
      String side = origin.name().toLowerCase(Locale.ROOT);
      counter(MetricNames.FEED_CHANGES, spec, side).increment(Math.max(0, result.changes()));
      counter(MetricNames.FEED_UNDECODABLE, spec, side)
          .increment(Math.max(0, result.undecodable()));
      double lag =
          result.lagMillis() >= 0 ? result.lagMillis() / 1000.0 : result.changes() == 0 ? 0 : -1;
      if (origin == ChangeOrigin.SOURCE) {
        if (lag >= 0) {
          g.sourceLagSeconds = lag;
        }
        if (result.lagBytes() >= 0) {
          g.lagBytes = result.lagBytes();
        }
        if (result.retainedWalBytes() >= 0) {
          g.retainedWal = result.retainedWalBytes();
        }
      } else {
        if (lag >= 0) {
          g.targetLagSeconds = lag;
        }
        g.targetUnsupported = result.unsupported() == null ? 0 : 1;
      }
    } catch (RuntimeException e) {
      LOG.warn("feed metrics of spec {}: could not record a poll", spec, e);
    }
  }

  @Override
  public void keysWaiting(String spec, long waiting) {
    spec(spec).keysWaiting = Math.max(0, waiting);
  }

  @Override
  public void verdict(String spec, Duration changeToVerdict) {
    spec(spec);
    if (!changeToVerdict.isNegative()) {
      verdictTimer(spec).record(changeToVerdict);
    }
  }

  /** The spec's feed meters, registered the first time. */
  Gauges spec(String spec) {
    return specs.computeIfAbsent(
        spec,
        name -> {
          for (String side : new String[] {"source", "target"}) {
            counter(MetricNames.FEED_CHANGES, name, side);
            counter(MetricNames.FEED_UNDECODABLE, name, side);
          }
          verdictTimer(name);
          Gauges g = new Gauges();
          gauge(MetricNames.FEED_LAG_BYTES, name, null, g, x -> x.lagBytes);
          gauge(MetricNames.FEED_LAG_SECONDS, name, "source", g, x -> x.sourceLagSeconds);
          gauge(MetricNames.FEED_LAG_SECONDS, name, "target", g, x -> x.targetLagSeconds);
          gauge(MetricNames.FEED_KEYS_WAITING, name, null, g, x -> x.keysWaiting);
          gauge(MetricNames.FEED_SLOT_RETAINED_WAL, name, null, g, x -> x.retainedWal);
          gauge(MetricNames.FEED_TARGET_UNSUPPORTED, name, null, g, x -> x.targetUnsupported);
          return g;
        });
  }

  private Counter counter(String name, String spec, String origin) {
    return Counter.builder(name).tag("spec", spec).tag("origin", origin).register(registry);
  }

  private Timer verdictTimer(String spec) {
    return Timer.builder(MetricNames.FEED_CHANGE_TO_VERDICT)
        .tag("spec", spec)
        .serviceLevelObjectives(VERDICT_BUCKETS)
        .register(registry);
  }

  private void gauge(
      String name, String spec, String origin, Gauges g, ToDoubleFunction<Gauges> value) {
    Gauge.Builder<Gauges> b = Gauge.builder(name, g, value).tag("spec", spec);
    if (origin != null) {
      b = b.tag("origin", origin);
    }
    b.register(registry);
  }

  /** The registry holds gauges weakly, so this map keeps their values for the worker's life. */
  static final class Gauges {
    volatile double lagBytes = Double.NaN;
    volatile double sourceLagSeconds = Double.NaN;
    volatile double targetLagSeconds = Double.NaN;
    volatile double keysWaiting = Double.NaN;
    volatile double retainedWal = Double.NaN;
    volatile double targetUnsupported = Double.NaN;
  }
}
