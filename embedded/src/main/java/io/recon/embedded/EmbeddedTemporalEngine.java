package io.recon.embedded;

import io.temporal.testserver.TestServer;

/**
 * Temporal's Java test server bound to a port, with time skipping off so that timers run on the
 * wall clock like a real cluster. It has no Schedules API and no visibility queries; see
 * docs/operations.md for how recon falls back.
 */
public final class EmbeddedTemporalEngine implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporalEngine(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedTemporalEngine start(int port) {
    Ports.requireFree("Temporal", port, "TEMPORAL_ADDRESS");
    // The flag locks time skipping: true keeps timers on the wall clock. Left unlocked, the server
    // would jump to the next timer whenever nothing runs, and a 10-minute approval window would
    // expire the moment the cycle started waiting for a human.
    return new EmbeddedTemporalEngine(TestServer.createPortBoundServer(port, true), port);
  }

  public static EmbeddedTemporalEngine startEphemeral() {
    return start(Ports.free());
  }

  public int port() {
    return port;
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }
}
