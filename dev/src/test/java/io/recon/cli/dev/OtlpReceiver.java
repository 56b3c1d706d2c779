package io.recon.cli.dev;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A minimal OTLP/HTTP trace receiver on the loopback: it answers every {@code POST /v1/traces} with
 * 200 and keeps the bodies, so a test can ask whether spans of a service arrived (the protobuf body
 * holds the service name as plain UTF-8).
 */
final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  static OtlpReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            receiver.bodies.add(in.readAllBytes());
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Whether a body naming {@code service} arrives within 60 s. */
  boolean awaitService(String service) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (byte[] body : bodies) {
        if (new String(body, StandardCharsets.ISO_8859_1).contains(service)) {
          return true;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
