package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.config.ConfigException;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerLimitsTest {

  @Test
  void defaultsAreEightSlotsAndNoRateLimit() {
    WorkerLimits limits = WorkerLimits.fromEnv(Map.of());
    assertEquals(new WorkerLimits(8, 0, Duration.ofSeconds(5)), limits);
    WorkerOptions options = limits.workerOptions();
    assertEquals(8, options.getMaxConcurrentActivityExecutionSize());
    // 0 is the SDK's "no limit" too; the option is left unset rather than passed through.
    assertEquals(0, options.getMaxWorkerActivitiesPerSecond());
  }

  @Test
  void variablesSetBothLimits() {
    WorkerLimits limits =
        WorkerLimits.fromEnv(
            Map.of(
                "RECON_MAX_CONCURRENT_ACTIVITIES", " 3 ",
                "RECON_MAX_ACTIVITIES_PER_SECOND", "2.5"));
    assertEquals(new WorkerLimits(3, 2.5, Duration.ofSeconds(5)), limits);
    assertEquals(3, limits.workerOptions().getMaxConcurrentActivityExecutionSize());
    assertEquals(2.5, limits.workerOptions().getMaxWorkerActivitiesPerSecond());
  }

  @Test
  void blankVariablesMeanTheDefaults() {
    assertEquals(
        new WorkerLimits(8, 0, Duration.ofSeconds(5)),
        WorkerLimits.fromEnv(
            Map.of("RECON_MAX_CONCURRENT_ACTIVITIES", "", "RECON_MAX_ACTIVITIES_PER_SECOND", " ")));
  }

  @Test
  void badValuesNameTheirVariable() {
    for (Map<String, String> env :
        java.util.List.of(
            Map.of("RECON_MAX_CONCURRENT_ACTIVITIES", "0"),
            Map.of("RECON_MAX_CONCURRENT_ACTIVITIES", "many"),
            Map.of("RECON_MAX_ACTIVITIES_PER_SECOND", "-1"),
            Map.of("RECON_MAX_ACTIVITIES_PER_SECOND", "NaN"),
            Map.of("RECON_STICKY_SCHEDULE_TO_START", "5"),
            Map.of("RECON_STICKY_SCHEDULE_TO_START", "-1s"))) {
      ConfigException e = assertThrows(ConfigException.class, () -> WorkerLimits.fromEnv(env));
      String variable = env.keySet().iterator().next();
      assertTrue(e.getMessage().startsWith(variable), e.getMessage());
    }
  }

  @Test
  void stickyScheduleToStartIsExplicitOnARealCluster() {
    WorkerOptions options = WorkerLimits.fromEnv(Map.of()).workerOptions();
    assertEquals(Duration.ofSeconds(5), options.getStickyQueueScheduleToStartTimeout());
    assertEquals(
        Duration.ofMillis(1500),
        WorkerLimits.fromEnv(Map.of("RECON_STICKY_SCHEDULE_TO_START", "1500ms"))
            .workerOptions()
            .getStickyQueueScheduleToStartTimeout());
  }

  @Test
  void zeroTurnsStickyExecutionOffAndTheSdkKeepsTheZero() {
    WorkerLimits limits = WorkerLimits.fromEnv(Map.of("RECON_STICKY_SCHEDULE_TO_START", "0s"));
    assertFalse(limits.stickyExecution());
    assertEquals(limits, WorkerLimits.fromEnv(Map.of()).withoutStickyExecution());
    // The worker factory validates and fills defaults; a zero must come out as zero (a null would
    // become the SDK's 5 s default and sticky execution would stay on).
    WorkerOptions built =
        WorkerOptions.newBuilder(limits.workerOptions()).validateAndBuildWithDefaults();
    assertEquals(Duration.ZERO, built.getStickyQueueScheduleToStartTimeout());
  }
}
