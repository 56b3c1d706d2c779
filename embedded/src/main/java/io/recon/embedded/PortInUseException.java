package io.recon.embedded;

/** An embedded engine could not bind its port because something else already listens there. */
public final class PortInUseException extends RuntimeException {
  private final int port;
  private final String variable;

  public PortInUseException(String engine, int port, String variable) {
    super(
        engine
            + " cannot listen on 127.0.0.1:"
            + port
            + ": the port is already in use. Stop whatever holds it, or set "
            + variable
            + ".");
    this.port = port;
    this.variable = variable;
  }

  public int port() {
    return port;
  }

  public String variable() {
    return variable;
  }
}
