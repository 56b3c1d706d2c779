package io.recon.embedded;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A MongoDB-wire server (mongo-java-server, in memory) on a loopback port. The real MongoDB driver
 * talks to it over the wire. It has no transactions and no change streams; recon depends on
 * neither. A filter with an {@code _id} equality or {@code _id} bounds is served by the {@code _id}
 * index, as MongoDB serves it ({@link IdIndexedMemoryBackend}); other filters scan the collection.
 */
public final class EmbeddedMongoEngine implements AutoCloseable {
  private final MongoServer server;
  private final int port;

  private EmbeddedMongoEngine(MongoServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static EmbeddedMongoEngine start(int port) {
    Ports.requireFree("MongoDB", port, "RECON_MONGO_URI");
    MongoServer server = new MongoServer(new IdIndexedMemoryBackend());
    server.bind("127.0.0.1", port);
    return new EmbeddedMongoEngine(server, port);
  }

  public static EmbeddedMongoEngine startEphemeral() {
    return start(Ports.free());
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "mongodb://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
