package io.recon.worker.metrics;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The worker interceptor through which recon observes its activities without their knowing: for the
 * duration of each execution it puts {@code workflowId}, {@code runId}, {@code activity}, {@code
 * spec} and {@code range} into the SLF4J MDC, and when the activity succeeds it hands type,
 * arguments and result to {@link ActivityMetrics}. Recording can fail; the activity never does
 * because of it.
 */
public final class ActivityObserver extends WorkerInterceptorBase {
  static final String WORKFLOW_ID = "workflowId";
  static final String RUN_ID = "runId";
  static final String SPEC = "spec";
  static final String RANGE = "range";
  static final String ACTIVITY = "activity";
  private static final List<String> MDC_KEYS = List.of(WORKFLOW_ID, RUN_ID, SPEC, RANGE, ACTIVITY);
  private static final Logger log = LoggerFactory.getLogger(ActivityObserver.class);

  private final ActivityMetrics metrics;

  ActivityObserver(ActivityMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  private final class Inbound extends ActivityInboundCallsInterceptorBase {
    private ActivityInfo info;

    Inbound(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      info = context.getInfo();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Object[] args = input.getArguments();
      String type = info.getActivityType();
      putContext(type, args);
      long started = System.nanoTime();
      try {
        ActivityOutput output = super.execute(input);
        record(type, args, output.getResult(), Duration.ofNanos(System.nanoTime() - started));
        return output;
      } finally {
        MDC_KEYS.forEach(MDC::remove);
      }
    }

    private void putContext(String type, Object[] args) {
      try {
        MDC.put(WORKFLOW_ID, info.getWorkflowId());
        MDC.put(RUN_ID, info.getRunId());
        MDC.put(ACTIVITY, type);
        ActivityArgs.specName(args).ifPresent(spec -> MDC.put(SPEC, spec));
        ActivityArgs.rangeIndex(args).ifPresent(range -> MDC.put(RANGE, String.valueOf(range)));
      } catch (RuntimeException e) {
        log.warn("cannot set the log context of activity {}: {}", type, e.toString());
      }
    }

    private void record(String type, Object[] args, Object result, Duration took) {
      try {
        metrics.completed(type, args, result, took);
      } catch (RuntimeException e) {
        log.warn("cannot record metrics of activity {}: {}", type, e.toString());
      }
    }
  }
}
