package io.recon.worker;

import io.recon.core.config.ConfigException;
import io.temporal.worker.WorkerOptions;
import java.util.Map;

/**
 * How much one worker takes on at once, read once from the environment. These bound the load a
 * worker puts on shared databases when many jobs run at the same time; a spec's {@code parallelism}
 * bounds one cycle, not the sum of all of them.
 *
 * @param maxConcurrentActivities activity slots: activities this worker runs at once
 * @param maxActivitiesPerSecond activities this worker starts per second; 0 means no limit
 */
public record WorkerLimits(int maxConcurrentActivities, double maxActivitiesPerSecond) {
  public static final String RECON_MAX_CONCURRENT_ACTIVITIES = "RECON_MAX_CONCURRENT_ACTIVITIES";
  public static final String RECON_MAX_ACTIVITIES_PER_SECOND = "RECON_MAX_ACTIVITIES_PER_SECOND";
  public static final int DEFAULT_MAX_CONCURRENT_ACTIVITIES = 8;
  public static final double DEFAULT_MAX_ACTIVITIES_PER_SECOND = 0;

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
  }

  /** The limits from the process environment. */
  public static WorkerLimits fromEnv() {
    return fromEnv(System.getenv());
  }

  /** The limits from these variables, with the defaults for those unset or blank. */
  public static WorkerLimits fromEnv(Map<String, String> env) {
    return new WorkerLimits(
        (int) number(env, RECON_MAX_CONCURRENT_ACTIVITIES, DEFAULT_MAX_CONCURRENT_ACTIVITIES, true),
        number(env, RECON_MAX_ACTIVITIES_PER_SECOND, DEFAULT_MAX_ACTIVITIES_PER_SECOND, false));
  }

  /** The worker options that apply these limits. */
  public WorkerOptions workerOptions() {
    WorkerOptions.Builder builder =
        WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(maxConcurrentActivities);
    if (maxActivitiesPerSecond > 0) {
      builder.setMaxWorkerActivitiesPerSecond(maxActivitiesPerSecond);
    }
    return builder.build();
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
