package io.recon.activities.feed.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.SharedEngines;
import io.temporal.failure.ApplicationFailure;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The embedded MongoDB-wire server (mongo-java-server, no oplog) has no change streams: the capture
 * learns it from the server's own answer to {@code $changeStream}, and says so in one line.
 */
class MongoCaptureIT {
  private static JobSpec spec(String db) {
    return SpecLoader.parse(
        """
        name: orders
        owner: ops
        source: { table: public.orders, key: [id] }
        target: { database: %s, collection: orders, key: [_id] }
        fields:
          - { source: status, target: status, type: string }
        """
            .formatted(db),
        "orders.yaml");
  }

  @Test
  void theEmbeddedServerHasNoChangeStreamsAndTheReasonSaysSo() {
    String db = SharedEngines.newMongoDatabaseName();
    try (MongoClient client = MongoClients.create(SharedEngines.mongo().uri())) {
      client.getDatabase(db).getCollection("orders").insertOne(new Document("_id", 1L));
      String reason = MongoCapture.unsupported(client, spec(db));
      assertEquals(
          "no change streams on "
              + db
              + ".orders: a standalone server; change streams need a replica set or a sharded"
              + " cluster (server error 40573)",
          reason);
      assertTrue(!reason.contains("\n"));
    }
  }

  @Test
  void openingAStreamThereFailsForGoodInOneLine() {
    String db = SharedEngines.newMongoDatabaseName();
    try (MongoClient client = MongoClients.create(SharedEngines.mongo().uri())) {
      ApplicationFailure f =
          assertThrows(ApplicationFailure.class, () -> MongoCapture.open(client, spec(db), null));
      assertTrue(f.isNonRetryable(), f.toString());
      assertTrue(
          f.getOriginalMessage().startsWith("reading the change stream of " + db + ".orders: "),
          f.getOriginalMessage());
      assertTrue(!f.getOriginalMessage().contains("\n"));
    }
  }
}
