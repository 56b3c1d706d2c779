package io.recon.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code _id} range rule of {@link IdIndexedMemoryBackend}, checked against the stock
 * mongo-java-server (which scans every document): the same writes on both, then the same reads,
 * which must return the same documents in the same order (and the same set where no order is asked
 * for), before, during and after writes.
 */
class IdRangeIndexIT {
  private static MongoServer indexedServer;
  private static MongoServer stockServer;
  private static MongoClient indexedClient;
  private static MongoClient stockClient;
  private static int databases;

  private MongoCollection<Document> indexed;
  private MongoCollection<Document> stock;

  @BeforeAll
  static void start() {
    indexedServer = new MongoServer(new IdIndexedMemoryBackend());
    stockServer = new MongoServer(new MemoryBackend());
    indexedClient = client(indexedServer);
    stockClient = client(stockServer);
  }

  private static MongoClient client(MongoServer server) {
    var address = server.bind();
    return MongoClients.create(
        MongoClientSettings.builder()
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .applyToClusterSettings(
                c ->
                    c.hosts(List.of(new ServerAddress(address.getHostString(), address.getPort()))))
            .build());
  }

  @AfterAll
  static void stop() {
    indexedClient.close();
    stockClient.close();
    indexedServer.shutdownNow();
    stockServer.shutdownNow();
  }

  @BeforeEach
  void collections() {
    String db = "ranges" + (++databases);
    indexed = indexedClient.getDatabase(db).getCollection("docs");
    stock = stockClient.getDatabase(db).getCollection("docs");
  }

  private void onBoth(Consumer<MongoCollection<Document>> write) {
    write.accept(indexed);
    write.accept(stock);
  }

  private void insertOnBoth(List<Document> documents) {
    // Each side gets its own copies: the driver adds nothing, but the lists must not be shared.
    indexed.insertMany(documents.stream().map(d -> new Document(d)).toList());
    stock.insertMany(documents.stream().map(d -> new Document(d)).toList());
  }

  /** The same find on both servers returns the same documents, in the same order if sorted. */
  private List<Document> sameOnBoth(Function<MongoCollection<Document>, FindIterable<Document>> f) {
    List<Document> fromIndex = f.apply(indexed).into(new ArrayList<>());
    List<Document> fromScan = f.apply(stock).into(new ArrayList<>());
    assertEquals(fromScan, fromIndex);
    return fromIndex;
  }

  private List<Document> sameSetOnBoth(Bson filter) {
    List<String> fromIndex = json(indexed.find(filter).into(new ArrayList<>()));
    List<String> fromScan = json(stock.find(filter).into(new ArrayList<>()));
    assertEquals(fromScan, fromIndex, () -> "filter " + filter);
    return indexed.find(filter).into(new ArrayList<>());
  }

  private static List<String> json(List<Document> documents) {
    var out = new ArrayList<String>();
    for (Document d : documents) {
      out.add(d.toJson());
    }
    Collections.sort(out);
    return out;
  }

  private static List<Document> mixedNumbers() {
    var docs = new ArrayList<Document>();
    for (int i = 0; i < 200; i++) {
      Object id =
          switch (i % 4) {
            case 0 -> i;
            case 1 -> (long) i;
            case 2 -> (double) i;
            default -> new Decimal128(i);
          };
      docs.add(new Document("_id", id).append("name", "n" + i).append("even", i % 2 == 0));
    }
    docs.add(new Document("_id", 5_000_000_000L).append("name", "big"));
    docs.add(new Document("_id", -7L).append("name", "negative"));
    docs.add(new Document("_id", "100").append("name", "text that looks like a number"));
    docs.add(new Document("_id", new ObjectId()).append("name", "oid"));
    docs.add(new Document("_id", new Document("a", 1)).append("name", "document key"));
    docs.add(new Document("_id", true).append("name", "boolean key"));
    return docs;
  }

  @Test
  void rangesOverWholeNumbersOfEveryNumericTypeMatchWhatTheScanMatches() {
    insertOnBoth(mixedNumbers());
    List<Object[]> bounds =
        List.of(
            new Object[] {10, 20},
            new Object[] {10L, 20.0},
            new Object[] {new Decimal128(10), 21L},
            new Object[] {0.0, 200},
            new Object[] {-100L, 6_000_000_000L},
            new Object[] {20, 10},
            new Object[] {17, 17},
            new Object[] {199, 1_000});
    for (Object[] b : bounds) {
      for (String lo : List.of("$gte", "$gt")) {
        for (String hi : List.of("$lt", "$lte")) {
          Document filter = new Document("_id", new Document(lo, b[0]).append(hi, b[1]));
          sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id")));
          sameOnBoth(c -> c.find(filter).sort(Sorts.descending("_id")));
          sameSetOnBoth(filter);
        }
      }
    }
    List<Document> tenToTwenty =
        sameOnBoth(
            c ->
                c.find(new Document("_id", new Document("$gte", 10L).append("$lt", 20L)))
                    .sort(Sorts.ascending("_id")));
    assertEquals(10, tenToTwenty.size());
  }

  @Test
  void anUnsortedRangeComesInKeyOrderAsFromMongoDBsIdIndex() {
    var shuffled = new ArrayList<Document>();
    for (int k = 0; k < 300; k++) {
      shuffled.add(new Document("_id", k).append("name", "n" + k));
    }
    Collections.shuffle(shuffled, new Random(3));
    insertOnBoth(shuffled);
    Bson range = Filters.and(Filters.gte("_id", 100), Filters.lt("_id", 200));
    List<Object> byIndex = ids(indexed.find(range));
    List<Object> byScan = ids(stock.find(range));
    var expected = new ArrayList<Object>();
    for (int k = 100; k < 200; k++) {
      expected.add(k);
    }
    // The index was used: the scan returns insertion order, the index key order.
    assertEquals(expected, byIndex);
    assertTrue(!byScan.equals(expected) && byScan.containsAll(expected));
  }

  @Test
  void oneSidedBoundsStayInTheirBracketAsTheScanDoes() {
    insertOnBoth(mixedNumbers());
    for (Bson filter :
        List.of(
            Filters.gte("_id", 150),
            Filters.gt("_id", 199L),
            Filters.lt("_id", 3.0),
            Filters.lte("_id", -7),
            Filters.gte("_id", "0"),
            Filters.lt("_id", "2"),
            Filters.gt("_id", new ObjectId("000000000000000000000000")))) {
      sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id")));
      sameSetOnBoth(filter);
    }
  }

  @Test
  void otherClausesProjectionSkipLimitAndSmallBatchesAreAppliedAsByTheScan() {
    insertOnBoth(mixedNumbers());
    Bson typed =
        Filters.and(
            new Document("_id", new Document("$type", List.of("int", "long", "double"))),
            Filters.gte("_id", 40),
            Filters.lt("_id", 120));
    sameOnBoth(c -> c.find(typed).sort(Sorts.ascending("_id")));
    Bson nested =
        Filters.and(
            Filters.eq("even", true),
            Filters.and(Filters.gt("_id", 10), Filters.regex("name", "^n1")),
            Filters.lte("_id", 150L));
    sameOnBoth(c -> c.find(nested).sort(Sorts.ascending("_id")));
    sameOnBoth(c -> c.find(nested).sort(Sorts.descending("name")));
    Bson range = new Document("_id", new Document("$gte", 0).append("$lt", 200));
    sameOnBoth(
        c ->
            c.find(range)
                .sort(Sorts.ascending("_id"))
                .projection(Projections.include("name"))
                .skip(7)
                .limit(33)
                .batchSize(5));
    sameOnBoth(
        c ->
            c.find(range)
                .sort(Sorts.descending("_id"))
                .projection(Projections.excludeId())
                .batchSize(3));
    assertEquals(stock.countDocuments(range), indexed.countDocuments(range), "count of the range");
    Bson orRange = Filters.or(Filters.lt("_id", 5), Filters.gt("_id", 195));
    sameOnBoth(c -> c.find(orRange).sort(Sorts.ascending("_id")));
    Bson mixedBrackets = Filters.and(Filters.gte("_id", 1), Filters.lt("_id", "z"));
    assertEquals(List.of(), sameOnBoth(c -> c.find(mixedBrackets)));
  }

  @Test
  void aFractionalKeyInTheCollectionLeavesNumericRangesToTheScan() {
    insertOnBoth(mixedNumbers());
    onBoth(c -> c.insertOne(new Document("_id", 10.5).append("name", "fraction")));
    onBoth(c -> c.insertOne(new Document("_id", Double.NaN).append("name", "nan")));
    for (Bson filter :
        List.of(
            Filters.and(Filters.gte("_id", 10), Filters.lt("_id", 11)),
            Filters.and(Filters.gt("_id", 10), Filters.lte("_id", 11)),
            Filters.and(Filters.gte("_id", 9.5), Filters.lt("_id", 10.75)))) {
      sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id")));
    }
    onBoth(c -> c.deleteOne(Filters.eq("_id", 10.5)));
    onBoth(c -> c.deleteOne(Filters.eq("_id", Double.NaN)));
    Bson filter = Filters.and(Filters.gte("_id", 10), Filters.lt("_id", 12));
    assertEquals(2, sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id"))).size());
  }

  @Test
  void rangesOverStringsObjectIdsAndUuidsMatchWhatTheScanMatches() {
    var docs = new ArrayList<Document>();
    var random = new Random(17);
    var oids = new ArrayList<ObjectId>();
    var uuids = new ArrayList<UUID>();
    for (int i = 0; i < 150; i++) {
      docs.add(new Document("_id", "k" + random.nextInt(1000) + "-" + i).append("i", i));
      ObjectId oid = new ObjectId(i * 1000, i);
      oids.add(oid);
      docs.add(new Document("_id", oid).append("i", i));
      UUID uuid = new UUID(random.nextLong(), random.nextLong());
      uuids.add(uuid);
      docs.add(new Document("_id", uuid).append("i", i));
    }
    docs.add(new Document("_id", "").append("i", -1));
    docs.add(new Document("_id", "k\uD83D\uDE00").append("i", -2));
    docs.add(new Document("_id", "k\uFFFF").append("i", -3));
    insertOnBoth(docs);
    Collections.sort(uuids);
    List<Bson> filters =
        List.of(
            Filters.and(Filters.gte("_id", "k2"), Filters.lt("_id", "k5")),
            Filters.and(Filters.gt("_id", ""), Filters.lte("_id", "k\uD83D")),
            Filters.and(Filters.gte("_id", "k\uE000"), Filters.lt("_id", "l")),
            Filters.and(Filters.gte("_id", oids.get(10)), Filters.lt("_id", oids.get(90))),
            Filters.and(Filters.gt("_id", oids.get(10)), Filters.lte("_id", oids.get(90))),
            Filters.and(Filters.gte("_id", uuids.get(20)), Filters.lt("_id", uuids.get(80))),
            Filters.and(Filters.gt("_id", uuids.get(0)), Filters.lte("_id", uuids.get(149))),
            Filters.and(Filters.gte("_id", "k5"), Filters.lt("_id", "k2")));
    for (Bson filter : filters) {
      sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id")));
      sameOnBoth(c -> c.find(filter).sort(Sorts.descending("_id")).batchSize(7));
      sameSetOnBoth(filter);
    }
  }

  @Test
  void theStrayPassFindsTheKeysOfOtherTypesAsTheScanDoes() {
    var docs = mixedNumbers();
    docs.add(new Document("_id", UUID.randomUUID()).append("name", "uuid"));
    docs.add(new Document("_id", new org.bson.types.Binary((byte) 0, new byte[] {1, 2})));
    docs.add(new Document("_id", null).append("name", "null key"));
    docs.add(new Document("_id", new java.util.Date(0)).append("name", "date key"));
    insertOnBoth(docs);
    for (Object types :
        List.of(
            List.of("int", "long", "double", "decimal"),
            List.of("int", "long", "double"),
            "number",
            "string",
            List.of("binData"),
            List.of("string", "objectId"),
            List.of("null", "date", "bool", "object"))) {
      Bson foreign = new Document("_id", new Document("$not", new Document("$type", types)));
      sameOnBoth(c -> c.find(foreign).sort(Sorts.ascending("_id")));
      sameOnBoth(c -> c.find(foreign).sort(Sorts.descending("_id")).batchSize(2));
      sameSetOnBoth(foreign);
    }
    Bson strays =
        new Document(
            "_id",
            new Document(
                "$not", new Document("$type", List.of("int", "long", "double", "decimal"))));
    assertEquals(
        8,
        sameOnBoth(
                c ->
                    c.find(strays)
                        .sort(Sorts.ascending("_id"))
                        .projection(Projections.include("_id")))
            .size());
  }

  @Test
  void aTypeFilterAloneIsAnsweredFromItsBracketsAsTheScanAnswersIt() {
    var docs = mixedNumbers();
    docs.add(new Document("_id", UUID.randomUUID()).append("name", "uuid"));
    docs.add(new Document("_id", new org.bson.types.Binary((byte) 0, new byte[] {1, 2})));
    docs.add(new Document("_id", null).append("name", "null key"));
    docs.add(new Document("_id", "abc").append("name", "text"));
    docs.add(new Document("_id", new java.util.Date(0)).append("name", "date key"));
    insertOnBoth(docs);
    List<Object> typeLists =
        List.of(
            List.of("int", "long", "double", "decimal"),
            List.of("long"),
            "number",
            "string",
            List.of("binData"),
            List.of("string", "objectId"),
            List.of("int", "string"),
            List.of("null", "date"));
    for (Object types : typeLists) {
      Bson typed = new Document("_id", new Document("$type", types));
      sameOnBoth(c -> c.find(typed).sort(Sorts.ascending("_id")));
      sameOnBoth(c -> c.find(typed).sort(Sorts.descending("_id")).batchSize(3));
      sameOnBoth(c -> c.find(typed).sort(Sorts.ascending("_id")).skip(5).limit(20).batchSize(4));
      sameSetOnBoth(typed);
    }
    // A fractional key: the index still finds the bracket's keys, and the sort is the server's.
    onBoth(c -> c.insertOne(new Document("_id", 10.5).append("name", "fraction")));
    Bson numbers =
        new Document("_id", new Document("$type", List.of("int", "long", "double", "decimal")));
    assertEquals(
        203, sameOnBoth(c -> c.find(numbers).sort(Sorts.ascending("_id")).batchSize(7)).size());
    sameOnBoth(c -> c.find(numbers).sort(Sorts.descending("_id")));
  }

  @Test
  void noFilterSortedByIdComesInKeyOrderAsTheScanSortsIt() {
    var docs = new ArrayList<Document>();
    var random = new Random(5);
    for (int i = 0; i < 300; i++) {
      Object id = random.nextInt(3) == 0 ? (long) i * 7 : (Object) (i * 7);
      docs.add(new Document("_id", id).append("i", i));
    }
    java.util.Collections.shuffle(docs, random);
    insertOnBoth(docs);
    sameOnBoth(c -> c.find().sort(Sorts.ascending("_id")).batchSize(11));
    sameOnBoth(c -> c.find().sort(Sorts.descending("_id")).skip(3).limit(50));
    sameOnBoth(c -> c.find().sort(Sorts.ascending("_id")).projection(Projections.include("_id")));
    // Keys of a second bracket, then a fractional one: the server's own sort again.
    onBoth(c -> c.insertOne(new Document("_id", "text").append("i", -1)));
    assertEquals(301, sameOnBoth(c -> c.find().sort(Sorts.ascending("_id"))).size());
    onBoth(c -> c.deleteOne(Filters.eq("_id", "text")));
    onBoth(c -> c.insertOne(new Document("_id", 3.5).append("i", -2)));
    assertEquals(301, sameOnBoth(c -> c.find().sort(Sorts.ascending("_id"))).size());
  }

  @Test
  void documentsWrittenDuringACursorAppearAsTheyDoForTheScan() {
    insertOnBoth(mixedNumbers());
    Bson range = Filters.and(Filters.gte("_id", 0), Filters.lt("_id", 100));
    var cursors = new ArrayList<MongoCursor<Document>>();
    var seen = new ArrayList<List<Document>>();
    for (MongoCollection<Document> c : List.of(indexed, stock)) {
      MongoCursor<Document> cursor =
          c.find(range).sort(Sorts.ascending("_id")).batchSize(10).cursor();
      var first = new ArrayList<Document>();
      for (int i = 0; i < 10; i++) {
        first.add(cursor.next());
      }
      cursors.add(cursor);
      seen.add(first);
    }
    onBoth(c -> c.insertOne(new Document("_id", 1_001).append("name", "late")));
    onBoth(c -> c.updateOne(Filters.eq("_id", 50), Updates.set("name", "changed")));
    onBoth(c -> c.deleteOne(Filters.eq("_id", 60)));
    onBoth(
        c ->
            c.replaceOne(
                Filters.eq("_id", 70), new Document("name", "replaced"), new ReplaceOptions()));
    for (int side = 0; side < 2; side++) {
      MongoCursor<Document> cursor = cursors.get(side);
      while (cursor.hasNext()) {
        seen.get(side).add(cursor.next());
      }
      cursor.close();
    }
    assertEquals(seen.get(1), seen.get(0));
    // The index followed every write: new reads agree too.
    sameOnBoth(c -> c.find(range).sort(Sorts.ascending("_id")));
    sameOnBoth(c -> c.find(Filters.and(Filters.gte("_id", 1_000), Filters.lt("_id", 1_002))));
  }

  @Test
  void randomWritesAndRangesAgreeWithTheScan() {
    var random = new Random(42);
    for (int round = 0; round < 40; round++) {
      int op = random.nextInt(4);
      int key = random.nextInt(500);
      Object id = random.nextBoolean() ? (Object) key : (Object) (long) key;
      switch (op) {
        case 0 -> {
          var batch = new ArrayList<Document>();
          for (int i = 0; i < 25; i++) {
            int k = random.nextInt(500);
            batch.add(
                new Document("_id", random.nextBoolean() ? k : (double) k).append("v", round));
          }
          // Duplicates fail one by one in an unordered insert, on both the same way.
          onBoth(
              c -> {
                try {
                  c.insertMany(
                      batch.stream().map(d -> new Document(d)).toList(),
                      new com.mongodb.client.model.InsertManyOptions().ordered(false));
                } catch (com.mongodb.MongoBulkWriteException expected) {
                  // some keys exist already
                }
              });
        }
        case 1 ->
            onBoth(
                c ->
                    c.deleteMany(
                        Filters.and(Filters.gte("_id", key), Filters.lt("_id", key + 30))));
        case 2 ->
            onBoth(
                c ->
                    c.updateMany(
                        Filters.and(Filters.gte("_id", key), Filters.lt("_id", key + 50)),
                        Updates.set("v", -1)));
        default -> onBoth(c -> c.deleteOne(Filters.eq("_id", id)));
      }
      int lo = random.nextInt(520) - 10;
      int hi = lo + random.nextInt(200);
      Bson filter = Filters.and(Filters.gte("_id", lo), Filters.lt("_id", hi));
      sameOnBoth(c -> c.find(filter).sort(Sorts.ascending("_id")));
      sameOnBoth(c -> c.find(filter).sort(Sorts.descending("_id")).limit(13));
    }
  }

  @Test
  void concurrentWritersNeverTearARangeRead() throws Exception {
    // Keys 0..9,999 step 2 stay put; writers insert and delete odd keys while readers read ranges.
    var stable = new ArrayList<Document>();
    for (int k = 0; k < 10_000; k += 2) {
      stable.add(new Document("_id", k).append("stable", true));
    }
    indexed.insertMany(stable);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    var problems = new ConcurrentLinkedQueue<String>();
    var go = new CountDownLatch(1);
    var futures = new ArrayList<Future<?>>();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 300; i++) {
                  int k = 2 * ((writer * 1_000 + i * 7) % 5_000) + 1;
                  indexed.insertOne(new Document("_id", k).append("stable", false));
                  indexed.updateOne(Filters.eq("_id", k - 1), Updates.inc("touched", 1));
                  indexed.deleteOne(Filters.eq("_id", k));
                }
                return null;
              }));
    }
    for (int r = 0; r < 3; r++) {
      int reader = r;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 60; i++) {
                  int lo = ((reader * 37 + i * 131) % 90) * 100;
                  int hi = lo + 1_000;
                  List<Document> got =
                      indexed
                          .find(Filters.and(Filters.gte("_id", lo), Filters.lt("_id", hi)))
                          .sort(Sorts.ascending("_id"))
                          .batchSize(100)
                          .into(new ArrayList<>());
                  int previous = Integer.MIN_VALUE;
                  int stableSeen = 0;
                  for (Document d : got) {
                    int k = d.getInteger("_id");
                    if (k <= previous || k < lo || k >= hi) {
                      problems.add(
                          "range [" + lo + ", " + hi + ") returned " + k + " after " + previous);
                    }
                    previous = k;
                    stableSeen += d.getBoolean("stable") ? 1 : 0;
                  }
                  if (stableSeen != 500) {
                    problems.add(
                        "range [" + lo + ", " + hi + ") saw " + stableSeen + " of 500 stable keys");
                  }
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    // Afterwards the index holds exactly the stable keys: the same answer as a scan by $or.
    Bson range = Filters.and(Filters.gte("_id", 0), Filters.lt("_id", 10_000));
    List<Object> byIndex = ids(indexed.find(range).sort(Sorts.ascending("_id")));
    List<Object> byScan = ids(indexed.find(Filters.or(range)).sort(Sorts.ascending("_id")));
    assertEquals(byScan, byIndex);
    assertEquals(5_000, byIndex.size());
  }

  private static List<Object> ids(FindIterable<Document> found) {
    var out = new ArrayList<Object>();
    for (Document d : found) {
      out.add(d.get("_id"));
    }
    return out;
  }
}
