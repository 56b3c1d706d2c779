package io.recon.activities.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import io.recon.activities.support.Failures;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.RecordCanonicalizer;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads target documents as canonical records: a key-ordered stream over a half-open range, or the
 * documents of given keys. Only the key paths and the compared fields travel (a projection), unless
 * whole documents are asked for, as repair does for its before-images.
 */
public final class TargetReader {
  private final MongoCollection<Document> collection;
  private final TargetKeys keys;
  private final RecordCanonicalizer canonicalizer;
  private final Bson projection;
  private final ProjectedView view;

  public TargetReader(MongoClient mongo, JobSpec spec, List<KeyType> keyTypes) {
    this.collection =
        mongo.getDatabase(spec.target().database()).getCollection(spec.target().collection());
    this.keys = TargetKeys.probe(collection, spec.target().key(), keyTypes);
    this.canonicalizer = new RecordCanonicalizer(spec);
    var paths = new LinkedHashSet<>(spec.target().key());
    spec.fields().stream().map(FieldSpec::target).forEach(paths::add);
    this.projection = Projections.include(List.copyOf(paths));
    this.view = new ProjectedView(List.copyOf(paths));
  }

  public TargetKeys keys() {
    return keys;
  }

  public MongoCollection<Document> collection() {
    return collection;
  }

  /** The canonical record of {@code doc}. */
  public CanonicalRecord canonical(Document doc) {
    return canonicalizer.target(keys.of(doc), doc);
  }

  /**
   * The canonical record of a whole document as the comparison saw it through its projection, so a
   * parent of the wrong type (which the projection drops) reads the same at repair time.
   */
  public CanonicalRecord canonicalAsCompared(Document whole) {
    return canonical(view.of(whole));
  }

  /**
   * The records of {@code list} that exist, in no particular order; a key that several documents
   * hold (such as {@code _id} 1 and 1.0 where the engine allows both) appears once per document.
   */
  public List<CanonicalRecord> byKeys(List<RecordKey> list) {
    var records = new ArrayList<CanonicalRecord>(list.size());
    if (list.isEmpty()) {
      return records;
    }
    try {
      for (Document d :
          collection
              .find(TargetFilters.in(keys, list))
              .projection(projection)
              .batchSize(list.size())) {
        records.add(canonical(d));
      }
      return records;
    } catch (MongoException e) {
      throw Failures.classify("reading the target", e);
    }
  }

  /** The whole documents of {@code list} that exist, by key. */
  public Map<RecordKey, Document> documents(List<RecordKey> list) {
    return documents(list, true);
  }

  private Map<RecordKey, Document> documents(List<RecordKey> list, boolean whole) {
    var found = new LinkedHashMap<RecordKey, Document>();
    if (list.isEmpty()) {
      return found;
    }
    try {
      var find = collection.find(TargetFilters.in(keys, list)).batchSize(list.size());
      if (!whole) {
        find = find.projection(projection);
      }
      for (Document d : find) {
        found.put(keys.of(d), d);
      }
      return found;
    } catch (MongoException e) {
      throw Failures.classify("reading the target", e);
    }
  }

  /**
   * A key-ordered stream of the documents with {@code lo <= key < hi} (null = open), failing on a
   * document whose key is none (INVALID_KEY).
   */
  public Stream stream(RecordKey lo, RecordKey hi, int batchSize) {
    return stream(lo, hi, batchSize, null);
  }

  /**
   * A key-ordered stream of the documents with {@code lo <= key < hi} (null = open). A document of
   * a key's type whose key still is none (the double 1.5 where integers are declared) goes to
   * {@code strays} instead.
   */
  public Stream stream(RecordKey lo, RecordKey hi, int batchSize, StrayKeys strays) {
    try {
      return new Stream(
          collection
              .find(TargetFilters.range(keys, lo, hi))
              .projection(projection)
              .sort(TargetFilters.sort(keys))
              .batchSize(batchSize)
              .iterator(),
          strays);
    } catch (MongoException e) {
      throw Failures.classify("reading the target", e);
    }
  }

  /**
   * Hands every document that no range read returns, its key part absent, NULL or of another type
   * than declared, to {@code strays}, sorted by key so that equal keys are consecutive; only the
   * key paths and {@code _id} are read. One query for the whole collection, once per cycle.
   */
  public void strays(StrayKeys strays, int batchSize) {
    var paths = new LinkedHashSet<>(keys.paths());
    paths.add("_id");
    try (MongoCursor<Document> cursor =
        collection
            .find(TargetFilters.foreign(keys))
            .projection(Projections.include(List.copyOf(paths)))
            .sort(TargetFilters.sort(keys))
            .batchSize(batchSize)
            .iterator()) {
      while (cursor.hasNext()) {
        strays.accept(cursor.next());
      }
      strays.flush();
    } catch (MongoException e) {
      throw Failures.classify("reading the target", e);
    }
  }

  /** An open cursor, consumed a chunk at a time by {@link #until}. */
  public final class Stream implements AutoCloseable {
    private final MongoCursor<Document> cursor;
    private final StrayKeys strays;
    private CanonicalRecord next;

    private Stream(MongoCursor<Document> cursor, StrayKeys strays) {
      this.cursor = cursor;
      this.strays = strays;
    }

    /** The records before {@code end} (null = to the end) not yet returned, in key order. */
    public java.util.Iterator<CanonicalRecord> until(RecordKey end) {
      return new java.util.Iterator<>() {
        @Override
        public boolean hasNext() {
          while (next == null) {
            try {
              if (!cursor.hasNext()) {
                return false;
              }
              Document doc = cursor.next();
              RecordKey key;
              try {
                key = keys.parse(doc);
              } catch (InvalidKeyException e) {
                if (strays == null) {
                  key = keys.of(doc);
                } else {
                  strays.accept(doc);
                  continue;
                }
              }
              next = canonicalizer.target(key, doc);
            } catch (MongoException e) {
              throw Failures.classify("reading the target", e);
            }
          }
          return end == null || next.key().compareTo(end) < 0;
        }

        @Override
        public CanonicalRecord next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          CanonicalRecord r = next;
          next = null;
          return r;
        }
      };
    }

    @Override
    public void close() {
      cursor.close();
    }
  }
}
