package io.recon.starter.tracing;

import io.recon.core.config.ConfigVar;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the {@code OTEL_*} settings recon reads (declared in {@link ConfigVar}) become OpenTelemetry
 * autoconfigure properties, and when they turn tracing on.
 */
final class TracingSettings {
  private TracingSettings() {}

  /**
   * Whether the settings ask for traces: an OTLP endpoint or a traces exporter is set, the traces
   * exporter is not {@code none}, and {@code OTEL_SDK_DISABLED} is not {@code true}. (The
   * standard's per-signal endpoint and protocol variables are not read: recon exports traces
   * alone.)
   */
  static boolean wanted(Map<String, String> settings) {
    if ("true".equalsIgnoreCase(value(settings, ConfigVar.OTEL_SDK_DISABLED))) {
      return false;
    }
    String exporter = value(settings, ConfigVar.OTEL_TRACES_EXPORTER);
    if (exporter != null) {
      return !"none".equalsIgnoreCase(exporter);
    }
    return value(settings, ConfigVar.OTEL_EXPORTER_OTLP_ENDPOINT) != null;
  }

  /**
   * The autoconfigure properties: each {@code OTEL_*} setting under its property name ({@code
   * OTEL_SERVICE_NAME} is {@code otel.service.name}), over recon's defaults: OTLP over
   * http/protobuf, the service name given, and no metrics or logs exporter (recon's metrics are
   * served on {@code /metrics}, its logs go to stderr).
   */
  static Map<String, String> properties(Map<String, String> settings, String serviceName) {
    Map<String, String> properties = new TreeMap<>();
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    String resource = value(settings, ConfigVar.OTEL_RESOURCE_ATTRIBUTES);
    if (resource == null || !resource.contains("service.name=")) {
      properties.put("otel.service.name", serviceName);
    }
    settings.forEach(
        (name, value) -> {
          if (name.startsWith("OTEL_")) {
            properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    return properties;
  }

  /**
   * {@code message} (OpenTelemetry's, which names properties) with each property named as the
   * variable an operator sets: {@code otel.traces.sampler} becomes {@code OTEL_TRACES_SAMPLER}.
   */
  static String variableNames(String message) {
    Matcher m = PROPERTY.matcher(message == null ? "invalid settings" : message);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, m.group().toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    m.appendTail(b);
    return b.toString().lines().findFirst().orElse("");
  }

  private static final Pattern PROPERTY = Pattern.compile("\\botel(\\.[a-z0-9_]+)+");

  private static String value(Map<String, String> settings, ConfigVar variable) {
    String v = settings.get(variable.name());
    return v == null || v.isBlank() ? null : v.trim();
  }
}
