package io.recon.cli.chaos;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.recon.cli.bench.BenchData;
import io.recon.cli.bench.Divergence;
import io.recon.cli.bench.Planted;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * One cycle's data: the bench's dataset ({@link BenchData}) with a fresh set of planted rows per
 * cycle, the harness's concurrent writes, and the check of the final state against what the source
 * says, read directly from the MongoDB-wire server (never through the proxy or recon).
 */
final class ChaosData {
  static final String CONCURRENT_SUFFIX = "-written-during-cycle";
  private final MongoDatabase db;
  private final String collection;
  private final long records;
  private final double rate;
  private final long shift;
  private final Set<BsonValue> concurrent = new LinkedHashSet<>();
  private Planted planted;

  ChaosData(MongoDatabase db, String collection, long records, double rate, long shift) {
    this.db = db;
    this.collection = collection;
    this.records = records;
    this.rate = rate;
    this.shift = shift;
  }

  /** Rebuilds the target with this cycle's planted divergences. */
  Planted seed() {
    planted = Planted.of(BenchData.seedTarget(db, collection, records, rate, shift));
    return planted;
  }

  Planted planted() {
    return planted;
  }

  Divergence of(long g) {
    return Divergence.of(g + shift, rate);
  }

  /** Ids that need exactly one repair: missing documents and mismatches, but not orphans. */
  Set<BsonValue> repairable() {
    var out = new HashSet<BsonValue>();
    for (long g = 1; g <= records; g++) {
      Divergence d = of(g);
      if (d == Divergence.MISSING || d.mismatch()) {
        out.add(new BsonInt64(2 * g));
      }
    }
    return out;
  }

  /**
   * Writes {@code count} mismatched documents directly, as an application would while the cycle
   * runs: a new {@code name}. recon compared the old state, so its repairs must not overwrite it.
   */
  Set<BsonValue> writeConcurrently(int count, Random random) {
    var candidates = new ArrayList<Long>();
    for (long g = 1; g <= records; g++) {
      if (of(g).mismatch()) {
        candidates.add(g);
      }
    }
    java.util.Collections.shuffle(candidates, random);
    for (long g : candidates.subList(0, Math.min(count, candidates.size()))) {
      target().updateOne(Filters.eq("_id", 2 * g), Updates.set("name", concurrentName(g)));
      concurrent.add(new BsonInt64(2 * g));
    }
    return Set.copyOf(concurrent);
  }

  Set<BsonValue> concurrent() {
    return Set.copyOf(concurrent);
  }

  /** What the final state shows: repairs not in place, and concurrent writes overwritten. */
  record Final(Set<BsonValue> wrong, Set<BsonValue> overwritten, long orphansGone) {}

  Final check() {
    Map<Object, Document> docs = new HashMap<>();
    for (Document d : target().find()) {
      docs.put(d.get("_id"), d);
    }
    var wrong = new HashSet<BsonValue>();
    var overwritten = new HashSet<BsonValue>();
    long orphansGone = 0;
    for (long g = 1; g <= records; g++) {
      BsonValue id = new BsonInt64(2 * g);
      Document actual = docs.get(2 * g);
      if (concurrent.contains(id)) {
        if (actual == null || !concurrentName(g).equals(actual.get("name"))) {
          overwritten.add(id);
        }
        continue;
      }
      if (actual == null || !same(BenchData.document(g, Divergence.NONE), actual)) {
        wrong.add(id);
      }
      if (of(g) == Divergence.ORPHAN && !docs.containsKey(2 * g + 1)) {
        orphansGone++;
      }
    }
    return new Final(wrong, overwritten, orphansGone);
  }

  private static String concurrentName(long g) {
    return "name-" + 2 * g + CONCURRENT_SUFFIX;
  }

  private MongoCollection<Document> target() {
    return db.getCollection(collection);
  }

  /** Equal as values: int32, int64, double and decimal by number; dates by instant. */
  static boolean same(Document expected, Document actual) {
    return normal(expected).equals(normal(actual));
  }

  private static Object normal(Object v) {
    if (v instanceof Map<?, ?> m) {
      var out = new TreeMap<String, Object>();
      m.forEach((k, x) -> out.put(String.valueOf(k), normal(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ChaosData::normal).toList();
    }
    if (v instanceof Decimal128 d) {
      return d.bigDecimalValue().stripTrailingZeros();
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros();
    }
    if (v instanceof Date d) {
      return d.getTime();
    }
    return v;
  }
}
