package io.recon.starter.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.recon.core.config.ConfigException;
import io.recon.core.config.ReconConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {
  private static Tracing tracing(Map<String, String> env) {
    return Tracing.fromConfig(ReconConfig.fromEnv(env), "recon-test");
  }

  @Test
  void withoutOtelSettingsNothingIsInstalled() {
    Tracing t = tracing(Map.of("RECON_TASK_QUEUE", "q"));
    assertSame(Tracing.off(), t);
    assertFalse(t.enabled());
    assertTrue(t.clientInterceptors().isEmpty());
    assertTrue(t.workerInterceptors().isEmpty());
    Span span = t.tracer().spanBuilder("x").startSpan();
    assertFalse(span.getSpanContext().isValid(), "a no-op tracer records nothing");
    span.end();
  }

  @Test
  void anExporterOfNoneOrADisabledSdkKeepsTracingOffWhateverTheEndpoint() {
    String endpoint = "http://127.0.0.1:9";
    assertSame(
        Tracing.off(),
        tracing(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "OTEL_TRACES_EXPORTER", "none")));
    assertSame(
        Tracing.off(),
        tracing(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, "OTEL_SDK_DISABLED", "true")));
    assertSame(Tracing.off(), tracing(Map.of("OTEL_SERVICE_NAME", "only-a-name")));
  }

  @Test
  void anEndpointTurnsTracingOnWithTemporalsInterceptors() {
    try (Tracing t = tracing(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"))) {
      assertTrue(t.enabled());
      assertEquals(1, t.clientInterceptors().size());
      assertEquals(1, t.workerInterceptors().size());
      Span span = t.tracer().spanBuilder("x").startSpan();
      assertTrue(span.getSpanContext().isValid());
    }
  }

  @Test
  void systemPropertiesAreNotRead() {
    // Were they read, this exporter name would be refused.
    System.setProperty("otel.traces.exporter", "no-such-exporter");
    try (Tracing t = tracing(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"))) {
      assertTrue(t.enabled());
    } finally {
      System.clearProperty("otel.traces.exporter");
    }
  }

  @Test
  void aBadSettingIsOneLineNamingTheVariable() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                tracing(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://127.0.0.1:9",
                        "OTEL_TRACES_SAMPLER",
                        "sometimes")));
    assertTrue(e.getMessage().contains("OTEL_TRACES_SAMPLER"), e.getMessage());
    assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void settingsBecomePropertiesOverReconsDefaults() {
    Map<String, String> settings = new HashMap<>();
    settings.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
    settings.put("OTEL_TRACES_SAMPLER", "traceidratio");
    settings.put("RECON_TASK_QUEUE", "q");
    Map<String, String> p = TracingSettings.properties(settings, "recon-worker");
    assertEquals("http://collector:4318", p.get("otel.exporter.otlp.endpoint"));
    assertEquals("traceidratio", p.get("otel.traces.sampler"));
    assertEquals("http/protobuf", p.get("otel.exporter.otlp.protocol"));
    assertEquals("recon-worker", p.get("otel.service.name"));
    assertEquals("none", p.get("otel.metrics.exporter"));
    assertEquals("none", p.get("otel.logs.exporter"));
    assertFalse(p.containsKey("recon.task.queue"));

    settings.put("OTEL_SERVICE_NAME", "billing-recon");
    settings.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    p = TracingSettings.properties(settings, "recon-worker");
    assertEquals("billing-recon", p.get("otel.service.name"));
    assertEquals("grpc", p.get("otel.exporter.otlp.protocol"));

    settings.remove("OTEL_SERVICE_NAME");
    settings.put("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource");
    assertFalse(
        TracingSettings.properties(settings, "recon-worker").containsKey("otel.service.name"));
  }
}
