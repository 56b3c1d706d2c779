package io.recon.activities.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Spans inside activities. A tracing worker makes its tracer and the activity's attributes (spec,
 * cycle, range) current for each activity execution ({@link #enter}); activity code then opens
 * child spans of the activity's span with {@link #span} or {@link #call}. Without a tracing worker
 * every span is a no-op that costs one context lookup, and the code reads the same.
 *
 * <p>The tracer travels in the OpenTelemetry {@link Context} of the execution rather than in a
 * global, so two workers in one JVM (as in the tests) each trace to their own exporter. Spans are
 * not made current: each is a direct child of its activity's span, and none outlives its block.
 *
 * <p>Attributes are names and counts only, never record content or keys, nor a message that may
 * quote them: a failed span carries the exception's class name.
 */
public final class Traces {
  /** One keyset page of the source: a query of up to page-size rows. */
  public static final String SOURCE_PAGE = "recon.source.page";

  /** The target's sorted cursor over one range, for as long as it is read. */
  public static final String TARGET_CURSOR = "recon.target.cursor";

  /** An incremental range's target, read by the keys of each source page, for as long as it is. */
  public static final String TARGET_LOOKUPS = "recon.target.lookups";

  /** One batched write of discrepancy rows into the recon store. */
  public static final String STORE_WRITE = "recon.store.write";

  /** One repair batch: plan, write-ahead, bulk write to the target, record. */
  public static final String REPAIR_BATCH = "recon.repair.batch";

  public static final AttributeKey<String> SPEC = AttributeKey.stringKey("recon.spec");
  public static final AttributeKey<String> CYCLE = AttributeKey.stringKey("recon.cycle_id");
  public static final AttributeKey<Long> RANGE = AttributeKey.longKey("recon.range_index");

  /** Rows, documents or repairs a span handled. */
  public static final AttributeKey<Long> RECORDS = AttributeKey.longKey("recon.records");

  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final ContextKey<Tracer> TRACER = ContextKey.named("recon.tracer");
  private static final ContextKey<Attributes> COMMON = ContextKey.named("recon.attributes");

  private Traces() {}

  /**
   * Makes {@code tracer} and {@code common} (put on every span opened through this class) current
   * on this thread until the returned scope closes. The worker calls it around each activity.
   */
  public static Scope enter(Tracer tracer, Attributes common) {
    return Context.current().with(TRACER, tracer).with(COMMON, common).makeCurrent();
  }

  /** Starts a child span of the current one; a no-op span when no tracer is current. */
  public static TraceSpan span(String name) {
    Context context = Context.current();
    Tracer tracer = context.get(TRACER);
    if (tracer == null) {
      return TraceSpan.NOOP;
    }
    Attributes common = context.get(COMMON);
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(context)
            .setAllAttributes(common == null ? Attributes.empty() : common)
            .startSpan();
    return new TraceSpan(span);
  }

  /**
   * Runs {@code work} in a span named {@code name}, whose {@link #RECORDS} attribute is {@code
   * count} of the result; a failure marks the span failed and is rethrown as it was.
   */
  public static <T> T call(String name, Supplier<T> work, ToLongFunction<T> count) {
    try (TraceSpan span = span(name)) {
      try {
        T result = work.get();
        span.records(count.applyAsLong(result));
        return result;
      } catch (RuntimeException | Error e) {
        span.failed(e);
        throw e;
      }
    }
  }

  /** The trace id of the current span, or null outside a sampled, valid trace. */
  public static String traceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /** The span id of the current span, or null outside a valid trace. */
  public static String spanId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getSpanId() : null;
  }
}
