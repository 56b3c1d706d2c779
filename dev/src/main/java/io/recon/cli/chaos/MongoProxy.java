package io.recon.cli.chaos;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 between the workers and the MongoDB-wire server. It forwards bytes
 * unchanged, reads each OP_MSG write to the tracked collection and pairs it with its reply in a
 * {@link WriteLedger}, and can cut all traffic for a while: live connections are closed and new
 * ones are closed as soon as they are accepted.
 *
 * <p>When a client goes away (killed, or cut) while writes are in flight, the upstream connection
 * stays open until their replies arrive (at most {@link #DRAIN_MILLIS}), so that a write the server
 * applied is counted even though its sender never learned of it.
 */
final class MongoProxy implements AutoCloseable {
  static final int DRAIN_MILLIS = 10_000;
  private static final int MAX_MESSAGE = 48 * 1024 * 1024 + 16 * 1024;
  private final ServerSocket listener;
  private final int upstreamPort;
  private final WriteLedger ledger;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicLong cutUntil = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean closed;

  private MongoProxy(ServerSocket listener, int upstreamPort, WriteLedger ledger) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
    this.ledger = ledger;
  }

  static MongoProxy start(int upstreamPort, WriteLedger ledger) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    MongoProxy proxy = new MongoProxy(listener, upstreamPort, ledger);
    Thread t = new Thread(proxy::accept, "chaos-mongo-proxy");
    t.setDaemon(true);
    t.start();
    return proxy;
  }

  String uri() {
    return "mongodb://127.0.0.1:" + listener.getLocalPort();
  }

  /** Closes every connection now and refuses new ones for {@code millis}. */
  void cut(long millis) {
    cutUntil.set(System.currentTimeMillis() + millis);
    for (Link l : links) {
      l.closeClient();
    }
  }

  boolean isCut() {
    return System.currentTimeMillis() < cutUntil.get();
  }

  long refused() {
    return refused.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (isCut()) {
          refused.incrementAndGet();
          client.close();
          continue;
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        Link link = new Link(client, upstream);
        links.add(link);
        link.start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        // One failed accept or upstream connect: the client sees a closed socket and retries.
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing: nothing to do.
    }
    for (Link l : links) {
      l.closeClient();
      l.closeUpstream();
    }
  }

  /** One client connection and its upstream twin. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;
    private final Map<Integer, WireMessages.Write> pending = new ConcurrentHashMap<>();
    private volatile boolean clientGone;
    private volatile long clientGoneAt;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      Thread up = new Thread(this::clientToServer, "chaos-proxy-up");
      Thread down = new Thread(this::serverToClient, "chaos-proxy-down");
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    }

    private void clientToServer() {
      try (InputStream in = client.getInputStream()) {
        OutputStream out = upstream.getOutputStream();
        DataInputStream data = new DataInputStream(in);
        while (true) {
          byte[] message = read(data);
          WireMessages.write(message)
              .filter(ledger::tracks)
              .ifPresent(w -> pending.put(WireMessages.Header.of(message).requestId(), w));
          out.write(message);
          out.flush();
        }
      } catch (IOException | RuntimeException e) {
        // The client died, was cut, or sent what the proxy cannot read: stop forwarding its way.
      } finally {
        closeClient();
      }
    }

    private void serverToClient() {
      try {
        upstream.setSoTimeout(250);
        DataInputStream in = new DataInputStream(upstream.getInputStream());
        OutputStream out = client.getOutputStream();
        while (true) {
          byte[] message;
          try {
            message = read(in);
          } catch (SocketTimeoutException e) {
            if (clientGone
                && (pending.isEmpty()
                    || System.currentTimeMillis() - clientGoneAt > DRAIN_MILLIS)) {
              return;
            }
            continue;
          }
          WireMessages.Write w = pending.remove(WireMessages.Header.of(message).responseTo());
          if (w != null) {
            ledger.record(w, WireMessages.reply(message));
          }
          if (!clientGone) {
            try {
              out.write(message);
              out.flush();
            } catch (IOException e) {
              closeClient();
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // The server closed the connection: nothing more will come.
      } finally {
        for (int i = 0; i < pending.size(); i++) {
          ledger.unanswered();
        }
        pending.clear();
        closeUpstream();
        links.remove(this);
      }
    }

    void closeClient() {
      if (!clientGone) {
        clientGoneAt = System.currentTimeMillis();
        clientGone = true;
      }
      try {
        client.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }

    void closeUpstream() {
      try {
        upstream.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }

  /**
   * One whole message: a partial read (a read timeout inside a message) would desynchronize the
   * stream, so only the wait for a message's first byte may time out.
   */
  private static byte[] read(DataInputStream in) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      throw new EOFException();
    }
    byte[] header = new byte[WireMessages.HEADER];
    header[0] = (byte) b0;
    readFully(in, header, 1, WireMessages.HEADER - 1);
    int length = WireMessages.Header.of(header).length();
    if (length < WireMessages.HEADER || length > MAX_MESSAGE) {
      throw new IOException("not a MongoDB message: length " + length);
    }
    byte[] message = new byte[length];
    System.arraycopy(header, 0, message, 0, WireMessages.HEADER);
    readFully(in, message, WireMessages.HEADER, length - WireMessages.HEADER);
    return message;
  }

  private static void readFully(DataInputStream in, byte[] b, int off, int len) throws IOException {
    int done = 0;
    long stalledSince = System.currentTimeMillis();
    while (done < len) {
      if (System.currentTimeMillis() - stalledSince > DRAIN_MILLIS) {
        throw new IOException("half a message and then nothing for " + DRAIN_MILLIS + " ms");
      }
      try {
        int n = in.read(b, off + done, len - done);
        if (n < 0) {
          throw new EOFException();
        }
        done += n;
        stalledSince = System.currentTimeMillis();
      } catch (SocketTimeoutException e) {
        // Mid-message: the rest is on its way; keep waiting.
      }
    }
  }
}
