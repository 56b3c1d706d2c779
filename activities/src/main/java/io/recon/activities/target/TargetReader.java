package io.recon.activities.target;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.RecordCanonicalizer;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the target collection in key order: one sorted, projected cursor per range with a driver
 * batch size, cut into chunks at the same keys the source side is cut at; or exactly the documents
 * of a list of keys. Only the key and the compared paths travel.
 */
public final class TargetReader {
  private static final Logger log = LoggerFactory.getLogger(TargetReader.class);

  private final MongoCollection<Document> collection;
  private final TargetKeys keys;
  private final RecordCanonicalizer canonicalizer;
  private final Bson projection;
  private final Bson sort;

  public TargetReader(MongoClient mongo, JobSpec spec, List<KeyType> keyTypes) {
    this.collection =
        mongo.getDatabase(spec.target().database()).getCollection(spec.target().collection());
    this.keys = TargetKeys.sample(collection, spec.target().key(), keyTypes);
    this.canonicalizer = new RecordCanonicalizer(spec);
    this.projection = Projections.include(projectedPaths(spec));
    this.sort = Sorts.ascending(spec.target().key());
  }

  /**
   * The paths to project: key paths and compared paths, without any path under another one (MongoDB
   * refuses a projection of both {@code a} and {@code a.b}).
   */
  static List<String> projectedPaths(JobSpec spec) {
    List<String> all = new ArrayList<>(spec.target().key());
    for (FieldSpec f : spec.fields()) {
      all.add(f.target());
    }
    List<String> kept = new ArrayList<>();
    for (String p : all) {
      boolean covered =
          all.stream().anyMatch(q -> !q.equals(p) && p.startsWith(q + ".")) || kept.contains(p);
      if (!covered) {
        kept.add(p);
      }
    }
    return kept;
  }

  /** The documents of {@code wanted} keys that exist, in key order. */
  public List<CanonicalRecord> byKeys(List<RecordKey> wanted) {
    if (wanted.isEmpty()) {
      return List.of();
    }
    List<CanonicalRecord> found = new ArrayList<>(wanted.size());
    for (Document doc : collection.find(TargetFilters.in(keys, wanted)).projection(projection)) {
      CanonicalRecord r = canonical(doc);
      if (r != null) {
        found.add(r);
      }
    }
    found.sort(Comparator.comparing(CanonicalRecord::key));
    return found;
  }

  /** Opens one sorted cursor over {@code [start, hi)}, to be consumed chunk by chunk. */
  public Stream stream(RecordKey start, RecordKey hi, int batchSize) {
    MongoCursor<Document> cursor =
        collection
            .find(TargetFilters.range(keys, start, hi))
            .projection(projection)
            .sort(sort)
            .batchSize(batchSize)
            .iterator();
    return new Stream(cursor);
  }

  private CanonicalRecord canonical(Document doc) {
    RecordKey key;
    try {
      key = keys.keyOf(doc);
    } catch (InvalidKeyException e) {
      // Such a document cannot be placed in key order; it is skipped, loudly, never guessed at.
      log.warn(
          "skipping a document of {} whose key is not of the declared type: {}",
          collection.getNamespace(),
          e.getMessage());
      return null;
    }
    return canonicalizer.target(key, doc);
  }

  /** A cursor in key order, read in chunks that each end before a given key. */
  public final class Stream implements AutoCloseable {
    private final MongoCursor<Document> cursor;
    private CanonicalRecord pending;

    private Stream(MongoCursor<Document> cursor) {
      this.cursor = cursor;
    }

    /** The next records whose keys are below {@code end} (all remaining when null). */
    public Iterator<CanonicalRecord> until(RecordKey end) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          fill();
          return pending != null && (end == null || pending.key().compareTo(end) < 0);
        }

        @Override
        public CanonicalRecord next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          CanonicalRecord r = pending;
          pending = null;
          return r;
        }
      };
    }

    private void fill() {
      while (pending == null && cursor.hasNext()) {
        pending = canonical(cursor.next());
      }
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
