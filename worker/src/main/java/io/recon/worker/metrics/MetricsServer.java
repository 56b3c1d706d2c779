package io.recon.worker.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.recon.core.config.ConfigException;
import io.recon.core.config.ReconConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@code GET /metrics} (Prometheus text format) and {@code GET /healthz} (200 with {@code
 * {"status":"ready",...}} when every engine answers, else 503 naming those that do not) on all
 * interfaces, with the JDK's HTTP server and two threads.
 */
final class MetricsServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code port}; 0 picks a free one (see {@link #port()}).
   *
   * @throws ConfigException naming {@code RECON_METRICS_PORT} when the port cannot be bound
   */
  static MetricsServer start(int port, PrometheusMeterRegistry registry, HealthCheck health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot serve /metrics and /healthz on port "
              + port
              + " ("
              + e.getMessage()
              + "): stop whatever holds it, or set "
              + ReconConfig.RECON_METRICS_PORT);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "recon-metrics-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/metrics", ex -> respond(ex, 200, PROMETHEUS_TEXT, registry.scrape(PROMETHEUS_TEXT)));
    server.createContext(
        "/healthz",
        ex -> {
          HealthCheck.Result result = health.check();
          respond(ex, result.ready() ? 200 : 503, "application/json", json(result));
        });
    server.start();
    return new MetricsServer(server, executor);
  }

  /** The port bound, which differs from the one asked for when that was 0. */
  int port() {
    return server.getAddress().getPort();
  }

  static String json(HealthCheck.Result result) {
    StringJoiner engines = new StringJoiner(",", "{", "}");
    StringJoiner down = new StringJoiner(",", "[", "]");
    for (Map.Entry<String, String> e : result.engines().entrySet()) {
      engines.add(quote(e.getKey()) + ":" + quote(e.getValue()));
      if (!"up".equals(e.getValue())) {
        down.add(quote(e.getKey()));
      }
    }
    return "{\"status\":"
        + quote(result.ready() ? "ready" : "unavailable")
        + ",\"down\":"
        + down
        + ",\"engines\":"
        + engines
        + "}";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void respond(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(status, "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
      if (!"HEAD".equals(ex.getRequestMethod())) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
