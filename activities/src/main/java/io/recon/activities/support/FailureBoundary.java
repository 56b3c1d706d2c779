package io.recon.activities.support;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The worker interceptor that puts every recon activity behind {@link Failures}: whatever escapes
 * an activity, an {@link Error} such as a stack overflow included, leaves it classified, so no
 * activity can fail with a retryable surprise that loops until its attempts run out, and none can
 * forget to classify. Activities still classify what they catch themselves, with the context that
 * names the range or the record; this is the backstop for what they do not.
 *
 * <p>While the worker stops, its pools and clients close under the activities still running, and
 * what they fail with says nothing about the work. Those failures are retried, on another worker,
 * under the type {@link #WORKER_STOPPING}, which no retry policy lists as permanent.
 */
public final class FailureBoundary extends WorkerInterceptorBase {
  /** The failure type of an activity that failed because its worker was stopping. */
  public static final String WORKER_STOPPING = "WORKER_STOPPING";

  private final AtomicBoolean stopping = new AtomicBoolean();

  /** From now on, failures are those of a stopping worker. */
  public void stopping() {
    stopping.set(true);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new Inbound(next);
  }

  private final class Inbound extends ActivityInboundCallsInterceptorBase {
    private String type = "activity";

    Inbound(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      type = context.getInfo().getActivityType();
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      try {
        return super.execute(input);
      } catch (Throwable t) {
        RuntimeException classified = Failures.classify(type, t);
        if (stopping.get() && classified instanceof ApplicationFailure f && f.isNonRetryable()) {
          throw ApplicationFailure.newFailureWithCause(
              type + " was interrupted by its worker stopping: " + f.getOriginalMessage(),
              WORKER_STOPPING,
              t);
        }
        throw classified;
      }
    }
  }
}
