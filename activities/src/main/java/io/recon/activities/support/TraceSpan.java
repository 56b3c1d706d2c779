package io.recon.activities.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** A span opened by {@link Traces}; closing it ends it. Counts only, never content. */
public final class TraceSpan implements AutoCloseable {
  static final TraceSpan NOOP = new TraceSpan(Span.getInvalid());

  private final Span span;

  TraceSpan(Span span) {
    this.span = span;
  }

  /** Sets {@link Traces#RECORDS}: the rows, documents or repairs this span handled. */
  public TraceSpan records(long n) {
    span.setAttribute(Traces.RECORDS, n);
    return this;
  }

  /** Marks the span failed with the exception's class only: its message may quote data. */
  public void failed(Throwable e) {
    span.setStatus(StatusCode.ERROR);
    span.setAttribute(Traces.ERROR_TYPE, e.getClass().getName());
  }

  @Override
  public void close() {
    span.end();
  }
}
