package io.recon.activities.repair;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.recon.activities.mongo.TargetFilters;
import io.recon.activities.mongo.TargetKeys;
import io.recon.core.canonical.Displays;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The MongoDB write of one repair, conditional at the database on the state that was compared: an
 * insert of the mapped shape (the unique {@code _id} index refuses a concurrent insert), an update
 * whose filter holds the compared values of the paths it changes and which sets only those mapped
 * paths, or a delete whose filter holds every compared mapped value.
 *
 * @param after what the write puts in place: the inserted document, or {@code {$set, $unset}}
 */
record RepairWrite(String action, WriteModel<Document> model, Document after) {
  static final String INSERT = "INSERT";
  static final String UPDATE = "UPDATE";
  static final String DELETE = "DELETE";

  /** A source value that has no BSON form, such as a decimal wider than Decimal128. */
  static final class Unwritable extends RuntimeException {
    Unwritable(String message) {
      super(message, null, false, false);
    }
  }

  /** The BSON value of field {@code f}, or {@link Unwritable} naming the field. */
  private static Object bson(FieldSpec f, Object value, Object current) {
    try {
      return BsonValues.of(f, value, current);
    } catch (RuntimeException | AssertionError e) {
      // The driver signals some unrepresentable values with an AssertionError.
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new Unwritable(f.target() + ": " + Displays.shorten(why));
    }
  }

  /**
   * A document of the key and every mapped field, built from the source row's values.
   *
   * @throws Unwritable if a value has no BSON form
   */
  static RepairWrite insert(JobSpec spec, TargetKeys keys, RecordKey key, Object[] values) {
    var doc = new Document();
    for (int i = 0; i < keys.paths().size(); i++) {
      put(doc, keys.paths().get(i), keys.bson(key, i));
    }
    List<FieldSpec> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      Object v = bson(fields.get(i), values[i], null);
      if (v != null || !spec.nullEqualsAbsent()) {
        put(doc, fields.get(i).target(), v);
      }
    }
    return new RepairWrite(INSERT, new InsertOneModel<>(doc), doc);
  }

  /**
   * Sets the differing mapped paths to the source's values; unmapped fields are untouched.
   *
   * @throws Unwritable if a value has no BSON form
   */
  static RepairWrite update(
      JobSpec spec,
      TargetKeys keys,
      RecordKey key,
      Object[] values,
      Document current,
      List<FieldDiff> diffs) {
    var conditions = new ArrayList<Bson>();
    conditions.add(TargetFilters.eq(keys, key));
    var set = new Document();
    var unset = new Document();
    for (FieldDiff diff : diffs) {
      int i = index(spec, diff.targetPath());
      FieldSpec f = spec.fields().get(i);
      Object now = DocumentPaths.get(current, f.target());
      conditions.add(same(f.target(), now));
      Object v = bson(f, values[i], now == DocumentPaths.ABSENT ? null : now);
      if (v == null && spec.nullEqualsAbsent()) {
        unset.append(f.target(), "");
      } else {
        set.append(f.target(), v);
      }
    }
    var update = new Document();
    if (!set.isEmpty()) {
      update.append("$set", set);
    }
    if (!unset.isEmpty()) {
      update.append("$unset", unset);
    }
    return new RepairWrite(UPDATE, new UpdateOneModel<>(flatAnd(conditions), update), update);
  }

  /** Deletes the document only while every mapped field still holds its compared value. */
  static RepairWrite delete(JobSpec spec, TargetKeys keys, RecordKey key, Document current) {
    var conditions = new ArrayList<Bson>();
    conditions.add(TargetFilters.eq(keys, key));
    for (FieldSpec f : spec.fields()) {
      conditions.add(same(f.target(), DocumentPaths.get(current, f.target())));
    }
    return new RepairWrite(DELETE, new DeleteOneModel<>(flatAnd(conditions)), null);
  }

  private static Bson same(String path, Object now) {
    if (now == DocumentPaths.ABSENT || now instanceof DocumentPaths.WrongParent) {
      return Filters.exists(path, false);
    }
    return Filters.eq(path, now);
  }

  private static int index(JobSpec spec, String targetPath) {
    for (int i = 0; i < spec.fields().size(); i++) {
      if (spec.fields().get(i).target().equals(targetPath)) {
        return i;
      }
    }
    throw new IllegalStateException("no mapped field at " + targetPath);
  }

  /** Puts {@code v} at a dotted path, creating the documents on the way. */
  @SuppressWarnings("unchecked")
  static void put(Document doc, String path, Object v) {
    String[] steps = path.split("\\.");
    Map<String, Object> at = doc;
    for (int i = 0; i < steps.length - 1; i++) {
      Object next = at.get(steps[i]);
      if (!(next instanceof Map)) {
        next = new Document();
        at.put(steps[i], next);
      }
      at = (Map<String, Object>) next;
    }
    at.put(steps[steps.length - 1], v);
  }

  /**
   * The conjunction as one flat filter document ({@code {_id: 1, "a.b": 2}}) when no two conditions
   * name the same field: the same query as {@code $and} for MongoDB, and the plainest shape for a
   * server's planner. (The embedded MongoDB-wire server scans the collection for it all the same:
   * its index serves only a filter on the key alone; see docs/performance.md.)
   */
  static Bson flatAnd(List<Bson> conditions) {
    BsonDocument merged = new BsonDocument();
    for (Bson c : conditions) {
      BsonDocument d =
          c.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
      for (var e : d.entrySet()) {
        if (e.getKey().startsWith("$") || merged.containsKey(e.getKey())) {
          return Filters.and(conditions);
        }
        merged.put(e.getKey(), e.getValue());
      }
    }
    return merged;
  }
}
