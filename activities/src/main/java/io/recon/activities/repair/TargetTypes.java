package io.recon.activities.repair;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import io.recon.activities.support.Failures;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.spec.BsonType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The BSON type the collection's documents hold at each mapped path, learnt once per repair run
 * from a handful of documents (at most {@link #SAMPLE}, only the mapped paths projected). A repair
 * that rebuilds a missing document writes these types, so the new document looks like its siblings.
 * A path whose sampled documents hold none of the field's storable types has no entry.
 */
final class TargetTypes {
  /** How many documents are sampled: enough to see the usual type, few enough to cost nothing. */
  static final int SAMPLE = 16;

  private final Map<String, BsonType> byPath;

  TargetTypes(Map<String, BsonType> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /** Nothing known: every repair writes the field type's default. */
  static TargetTypes none() {
    return new TargetTypes(Map.of());
  }

  /** The most common storable type at each mapped path among the first documents read. */
  static TargetTypes sample(MongoCollection<Document> collection, JobSpec spec) {
    List<String> paths = spec.fields().stream().map(FieldSpec::target).toList();
    var counts = new HashMap<String, EnumMap<BsonType, Integer>>();
    try {
      for (Document d :
          collection
              .find()
              .projection(Projections.include(paths))
              .limit(SAMPLE)
              .batchSize(SAMPLE)) {
        for (FieldSpec f : spec.fields()) {
          BsonType t = BsonType.of(DocumentPaths.get(d, f.target()));
          if (t != null && BsonType.allowed(f.type()).contains(t)) {
            counts
                .computeIfAbsent(f.target(), p -> new EnumMap<>(BsonType.class))
                .merge(t, 1, Integer::sum);
          }
        }
      }
    } catch (MongoException e) {
      throw Failures.classify("sampling the target's types", e);
    }
    var byPath = new HashMap<String, BsonType>();
    counts.forEach(
        (path, c) ->
            byPath.put(
                path, c.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey()));
    return new TargetTypes(byPath);
  }

  /** The type siblings hold at {@code path}, or null. */
  BsonType at(String path) {
    return byPath.get(path);
  }
}
