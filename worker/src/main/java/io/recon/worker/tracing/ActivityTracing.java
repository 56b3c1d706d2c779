package io.recon.worker.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.recon.activities.support.Traces;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * The worker interceptor that carries a trace into activity code. It runs inside Temporal's tracing
 * interceptor, so the activity's span is current; for each execution it tags that span with the
 * spec, cycle and range ({@link SpanAttributes}), makes the tracer current for the spans activity
 * code opens ({@link Traces}), and puts {@code trace_id} and {@code span_id} into the SLF4J MDC, so
 * every log line of the activity names its trace.
 */
public final class ActivityTracing extends WorkerInterceptorBase {
  /** The MDC keys, as the JSON log lines show them. */
  public static final String TRACE_ID = "trace_id";

  public static final String SPAN_ID = "span_id";

  private final Tracer tracer;

  public ActivityTracing(Tracer tracer) {
    this.tracer = tracer;
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
      Attributes common = SpanAttributes.of(info.getWorkflowId(), input.getArguments());
      Span span = Span.current();
      span.setAllAttributes(common);
      SpanContext context = span.getSpanContext();
      try (Scope ignored = Traces.enter(tracer, common)) {
        if (context.isValid()) {
          MDC.put(TRACE_ID, context.getTraceId());
          MDC.put(SPAN_ID, context.getSpanId());
        }
        return super.execute(input);
      } finally {
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
      }
    }
  }
}
