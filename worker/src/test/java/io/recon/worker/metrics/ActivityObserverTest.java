package io.recon.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The interceptor around real activity executions, in Temporal's test activity environment. */
class ActivityObserverTest {
  private static final DetectedCounts COUNTS =
      new DetectedCounts(new Volumes(10, 10, 12), Findings.NONE, Severities.NONE);
  private static final SettledCounts SETTLED = SettledCounts.NONE;

  /** Logs one line per call, as the real activities do when they have something to say. */
  static final class LoggingCompare implements CompareActivities {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LoggingCompare.class);

    @Override
    public RangePlan planRanges(PlanRequest request) {
      log.info("planning");
      return new RangePlan(4, 100, null);
    }

    @Override
    public DetectedCounts compareRange(RangeRequest request) {
      log.info("comparing range {}", request.rangeIndex());
      return COUNTS;
    }

    @Override
    public SettledCounts recheckRange(RangeRequest request) {
      return SETTLED;
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeStore store = new FakeStore();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender;
  private GaugeRefresher refresher;
  private TestActivityEnvironment env;
  private CompareActivities activities;

  @BeforeEach
  void start() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(logged);
    appender.start();
    context.getLogger(LoggingCompare.class).addAppender(appender);

    ReconMeters meters = new ReconMeters(registry);
    Clock clock = Clock.systemUTC();
    refresher = new GaugeRefresher(meters, store, clock);
    ActivityObserver observer =
        new ActivityObserver(new ActivityMetrics(meters, store, refresher, clock));
    env =
        TestActivityEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(observer).build())
                .build());
    env.registerActivitiesImplementations(new LoggingCompare());
    activities =
        env.newActivityStub(
            CompareActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(LoggingCompare.class)).detachAppender(appender);
    env.close();
    refresher.close();
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(json.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void aLineLoggedDuringAnActivityCarriesItsWorkflowRunSpecRangeAndActivity() throws Exception {
    activities.compareRange(Contracts.range(3));

    List<JsonNode> lines = jsonLines();
    assertEquals(1, lines.size(), lines.toString());
    JsonNode line = lines.get(0);
    assertEquals("comparing range 3", line.path("message").asText());
    assertEquals("customers", line.path("spec").asText());
    assertEquals("3", line.path("range").asText());
    assertEquals("CompareRange", line.path("activity").asText());
    assertFalse(line.path("workflowId").asText().isEmpty(), line.toString());
    assertFalse(line.path("runId").asText().isEmpty(), line.toString());
  }

  @Test
  void theContextEndsWithTheActivity() throws Exception {
    activities.compareRange(Contracts.range(3));
    activities.planRanges(new PlanRequest(Contracts.SPEC, "cycle-1", Mode.FULL, null));

    JsonNode planning = jsonLines().get(1);
    assertEquals("PlanRanges", planning.path("activity").asText());
    assertEquals("customers", planning.path("spec").asText());
    assertFalse(planning.has("range"), "range of the previous activity leaked: " + planning);
  }

  @Test
  void anActivityCompletesAndIsCountedThroughTheInterceptor() {
    assertEquals(COUNTS, activities.compareRange(Contracts.range(0)));

    assertEquals(
        12, registry.get(MetricNames.RECORDS_COMPARED).tag("spec", "customers").counter().count());
  }

  @Test
  void aFailingRecorderNeverFailsTheActivity() {
    store.failing = true;

    assertEquals(SETTLED, activities.recheckRange(Contracts.range(0)));
  }
}
