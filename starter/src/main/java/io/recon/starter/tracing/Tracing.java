package io.recon.starter.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.internal.AutoConfigureUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.recon.core.config.ConfigException;
import io.recon.core.config.ReconConfig;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.List;
import java.util.Map;

/**
 * A process's tracing: OpenTelemetry configured from the standard {@code OTEL_*} settings, and
 * Temporal's tracing interceptors for the client and the worker on top of it, so that one trace
 * follows a cycle from the client that starts it through the workflows into every activity.
 *
 * <p>Temporal's Java SDK traces through OpenTracing; as its {@code temporal-opentelemetry} module
 * does, recon hands its interceptors the OpenTelemetry SDK through the OpenTracing shim.
 *
 * <p>Tracing is off, with nothing installed, no exporter and no thread, unless the settings ask for
 * an exporter ({@link TracingSettings#wanted}). The settings come from the {@link ReconConfig},
 * never from the process environment or system properties directly.
 */
public final class Tracing implements AutoCloseable {
  /** The instrumentation scope of recon's own spans. */
  public static final String SCOPE = "io.recon";

  private static final Tracing OFF = new Tracing(OpenTelemetry.noop(), null, false);

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk owned;
  private final boolean enabled;
  private final OpenTracingOptions options;

  private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk owned, boolean enabled) {
    this.openTelemetry = openTelemetry;
    this.owned = owned;
    this.enabled = enabled;
    this.options =
        enabled
            ? OpenTracingOptions.newBuilder()
                .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
                .build()
            : null;
  }

  /** No tracing: no interceptor, no exporter; spans opened in activities are no-ops. */
  public static Tracing off() {
    return OFF;
  }

  /** Tracing into {@code openTelemetry}, which the caller owns and closes (tests, embedding). */
  public static Tracing using(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, null, true);
  }

  /**
   * Tracing as {@code config}'s {@code OTEL_*} settings ask, or {@link #off()} when they ask for no
   * exporter. {@code serviceName} applies when {@code OTEL_SERVICE_NAME} (or {@code service.name}
   * in {@code OTEL_RESOURCE_ATTRIBUTES}) does not name one.
   *
   * @throws ConfigException naming the setting when OpenTelemetry rejects one
   */
  public static Tracing fromConfig(ReconConfig config, String serviceName) {
    Map<String, String> settings = config.settings();
    if (!TracingSettings.wanted(settings)) {
      return OFF;
    }
    Map<String, String> properties = TracingSettings.properties(settings, serviceName);
    OtelLogging.install();
    try {
      var builder = AutoConfiguredOpenTelemetrySdk.builder().disableShutdownHook();
      // Only these properties count: autoconfigure would merge the process environment and the
      // system properties in, which recon reads at its root alone (ConfigVar lists what it reads).
      AutoConfigureUtil.setConfigPropertiesCustomizer(
          builder, ignored -> DefaultConfigProperties.createFromMap(properties));
      OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk();
      return new Tracing(sdk, sdk, true);
    } catch (ConfigurationException e) {
      throw new ConfigException("tracing: " + TracingSettings.variableNames(e.getMessage()));
    }
  }

  public boolean enabled() {
    return enabled;
  }

  /** The tracer of recon's own spans; a no-op one when tracing is off. */
  public Tracer tracer() {
    return openTelemetry.getTracer(SCOPE);
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The interceptors a workflow client gets: Temporal's tracing one, or none. */
  public List<WorkflowClientInterceptor> clientInterceptors() {
    return enabled ? List.of(new OpenTracingClientInterceptor(options)) : List.of();
  }

  /**
   * Temporal's tracing interceptor for a worker factory, or none. It must come last in the
   * factory's list (the outermost), so that every other interceptor runs inside the span of the
   * workflow or activity it intercepts.
   */
  public List<WorkerInterceptor> workerInterceptors() {
    return enabled ? List.of(new OpenTracingWorkerInterceptor(options)) : List.of();
  }

  /**
   * Exports what is buffered and stops the exporter, if this owns the SDK, waiting at most 10 s (an
   * unreachable collector costs that much, once, at exit).
   */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
