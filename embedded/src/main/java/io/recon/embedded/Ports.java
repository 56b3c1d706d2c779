package io.recon.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks made before an engine starts, so that a taken port is a clear message. */
public final class Ports {
  private Ports() {}

  /**
   * Fails with {@link PortInUseException} when the port cannot be bound on the loopback address.
   */
  public static void requireFree(String engine, int port, String variable) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUseException(engine, port, variable);
    }
  }

  /** A port that was free a moment ago, for tests that start engines side by side. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }
}
