package io.recon.worker;

import io.recon.core.config.ConfigException;
import io.recon.core.config.ConfigVar;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.Durations;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;

/**
 * How much one worker takes on at once, read once from the environment at a composition root. These
 * bound the load a worker puts on shared databases when many jobs run at the same time; a spec's
 * {@code parallelism} bounds one cycle, not the sum of all of them.
 *
 * @param maxConcurrentActivities activity slots: activities this worker runs at once
 * @param maxActivitiesPerSecond activities this worker starts per second; 0 means no limit
 * @param stickyScheduleToStart how long a workflow's next task waits on this worker's sticky queue
 *     before the server gives it to any worker of the task queue; zero turns sticky execution off,
 *     which the embedded Temporal server needs: it has no such fallback, so a task sticky to a
 *     killed worker would wait for it for ever
 */
public record WorkerLimits(
    int maxConcurrentActivities, double maxActivitiesPerSecond, Duration stickyScheduleToStart) {
  public static final String RECON_MAX_CONCURRENT_ACTIVITIES =
      ConfigVar.RECON_MAX_CONCURRENT_ACTIVITIES.name();
  public static final String RECON_MAX_ACTIVITIES_PER_SECOND =
      ConfigVar.RECON_MAX_ACTIVITIES_PER_SECOND.name();
  public static final String RECON_STICKY_SCHEDULE_TO_START =
      ConfigVar.RECON_STICKY_SCHEDULE_TO_START.name();
  public static final int DEFAULT_MAX_CONCURRENT_ACTIVITIES =
      Integer.parseInt(ConfigVar.RECON_MAX_CONCURRENT_ACTIVITIES.defaultValue());
  public static final double DEFAULT_MAX_ACTIVITIES_PER_SECOND =
      Double.parseDouble(ConfigVar.RECON_MAX_ACTIVITIES_PER_SECOND.defaultValue());

  /**
   * Explicit rather than the SDK's default (also 5 s), so that the bound on how long a dead worker
   * can delay a cycle is recon's documented choice and survives an SDK upgrade.
   */
  public static final Duration DEFAULT_STICKY_SCHEDULE_TO_START =
      Durations.parse(ConfigVar.RECON_STICKY_SCHEDULE_TO_START.defaultValue());

  /** What a worker against the embedded Temporal server must use: no sticky execution. */
  public static final String EMBEDDED_STICKY_SCHEDULE_TO_START = "0s";

  public WorkerLimits {
    if (maxConcurrentActivities < 1) {
      throw new ConfigException(
          RECON_MAX_CONCURRENT_ACTIVITIES + " must be at least 1, not " + maxConcurrentActivities);
    }
    if (!(maxActivitiesPerSecond >= 0) || Double.isInfinite(maxActivitiesPerSecond)) {
      throw new ConfigException(
          RECON_MAX_ACTIVITIES_PER_SECOND
              + " must be 0 (no limit) or a positive number, not "
              + maxActivitiesPerSecond);
    }
    if (stickyScheduleToStart == null || stickyScheduleToStart.isNegative()) {
      throw new ConfigException(
          RECON_STICKY_SCHEDULE_TO_START
              + " must be 0s (no sticky execution) or a positive duration, not "
              + stickyScheduleToStart);
    }
  }

  /** These limits with sticky execution off, for a worker on the embedded Temporal server. */
  public WorkerLimits withoutStickyExecution() {
    return new WorkerLimits(maxConcurrentActivities, maxActivitiesPerSecond, Duration.ZERO);
  }

  /** Whether a workflow's tasks prefer the worker that ran its previous task. */
  public boolean stickyExecution() {
    return !stickyScheduleToStart.isZero();
  }

  /** The limits from the variables a composition root read into {@code config}. */
  public static WorkerLimits of(ReconConfig config) {
    return fromEnv(config.settings());
  }

  /** The limits from these variables, with the defaults for those unset or blank. */
  public static WorkerLimits fromEnv(Map<String, String> env) {
    return new WorkerLimits(
        (int) number(env, RECON_MAX_CONCURRENT_ACTIVITIES, DEFAULT_MAX_CONCURRENT_ACTIVITIES, true),
        number(env, RECON_MAX_ACTIVITIES_PER_SECOND, DEFAULT_MAX_ACTIVITIES_PER_SECOND, false),
        duration(env, RECON_STICKY_SCHEDULE_TO_START, DEFAULT_STICKY_SCHEDULE_TO_START));
  }

  /**
   * The worker options that apply these limits. A zero sticky timeout reaches the SDK as zero: its
   * workflow task handler then sends no sticky attributes, so the server schedules every workflow
   * task on the shared task queue, where any live worker takes it.
   */
  public WorkerOptions workerOptions() {
    WorkerOptions.Builder builder =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
            .setStickyQueueScheduleToStartTimeout(stickyScheduleToStart);
    if (maxActivitiesPerSecond > 0) {
      builder.setMaxWorkerActivitiesPerSecond(maxActivitiesPerSecond);
    }
    return builder.build();
  }

  private static Duration duration(Map<String, String> env, String variable, Duration fallback) {
    String raw = env.get(variable);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Durations.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          variable + ": " + e.getMessage() + " (0s turns sticky execution off)");
    }
  }

  private static double number(
      Map<String, String> env, String variable, double fallback, boolean integral) {
    String raw = env.get(variable);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return integral ? Integer.parseInt(raw.trim()) : Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          variable + " must be " + (integral ? "an integer" : "a number") + ", not '" + raw + "'");
    }
  }
}
