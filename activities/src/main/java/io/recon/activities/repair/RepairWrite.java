package io.recon.activities.repair;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.recon.activities.mongo.TargetFilters;
import io.recon.activities.mongo.TargetKeys;
import io.recon.core.canonical.CanonicalValue;
import io.recon.core.canonical.Canonicalizer;
import io.recon.core.canonical.Displays;
import io.recon.core.canonical.DocumentPaths;
import io.recon.core.canonical.FieldComparator;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.BsonType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.YamlNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
record RepairWrite(RepairAction action, WriteModel<Document> model, Document after) {

  /** A source value that has no BSON form, such as a decimal wider than Decimal128. */
  static final class Unwritable extends RuntimeException {
    Unwritable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The BSON value of field {@code f} in the type {@code want}, checked before anything is written:
   * read back through the comparison's own canonical form it must equal {@code source}, the
   * source's canonical value, or the repair could never verify and would come back every cycle.
   *
   * @throws Unwritable naming the field, if the value has no BSON form in that type or would not
   *     compare equal
   */
  static Object bson(FieldSpec f, Object value, CanonicalValue source, BsonType want) {
    Object written;
    try {
      written = BsonValues.of(f, value, want);
    } catch (RuntimeException | AssertionError e) {
      // The driver signals some unrepresentable values with an AssertionError.
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new Unwritable(f.target() + ": " + Displays.shorten(why));
    }
    if (written != null && source != null) {
      CanonicalValue back = Canonicalizer.target(f, written);
      if (!FieldComparator.equal(f, source, back)) {
        throw new Unwritable(
            f.target()
                + ": "
                + source.display()
                + " written as "
                + typeName(written)
                + " reads back as "
                + back.display()
                + ", which does not equal the source");
      }
    }
    return written;
  }

  private static String typeName(Object bson) {
    BsonType t = BsonType.of(bson);
    return t != null ? YamlNames.of(t) : Displays.describe(bson).split(" ", 2)[0];
  }

  /**
   * A document of the key and every mapped field, built from the source row's values.
   *
   * @param source the source row's canonical values, in field order
   * @param types the BSON types the collection's documents use, which the new document keeps
   * @throws Unwritable if a value has no BSON form or would not compare equal
   */
  static RepairWrite insert(
      JobSpec spec,
      TargetKeys keys,
      RecordKey key,
      Object[] values,
      List<CanonicalValue> source,
      TargetTypes types) {
    var doc = new Document();
    for (int i = 0; i < keys.paths().size(); i++) {
      put(doc, keys.paths().get(i), keys.bson(key, i));
    }
    List<FieldSpec> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      Object v = bson(f, values[i], source.get(i), BsonValues.want(f, null, types.at(f.target())));
      if (v != null || !spec.nullEqualsAbsent()) {
        put(doc, f.target(), v);
      }
    }
    return new RepairWrite(RepairAction.INSERT, new InsertOneModel<>(doc), doc);
  }

  /**
   * Sets the differing mapped paths to the source's values, each in the BSON type the document
   * holds there now; unmapped fields are untouched. A path under a parent that is not a document (a
   * string, an array, null) replaces that parent with a document of the mapped fields under it,
   * conditional on the parent's compared value, when the spec owns it ({@link #owned}).
   *
   * @param source the source row's canonical values, in field order
   * @param types the BSON types the collection's documents use, for paths the document lacks
   * @throws Unwritable if a value has no BSON form or would not compare equal, or a parent of the
   *     wrong type holds data the spec does not map
   */
  static RepairWrite update(
      JobSpec spec,
      TargetKeys keys,
      RecordKey key,
      Object[] values,
      List<CanonicalValue> source,
      Document current,
      List<FieldDiff> diffs,
      TargetTypes types) {
    var conditions = new ArrayList<Bson>();
    conditions.add(TargetFilters.eq(keys, key));
    var set = new Document();
    var unset = new Document();
    var parents = new LinkedHashMap<String, Object>();
    for (FieldDiff diff : diffs) {
      int i = index(spec, diff.targetPath());
      FieldSpec f = spec.fields().get(i);
      Blocker blocker = blocker(current, f.target());
      if (blocker != null) {
        if (!parents.containsKey(blocker.path())) {
          String lost = owned(spec.fields(), blocker);
          if (lost != null) {
            throw new Unwritable(
                f.target()
                    + ": "
                    + blocker.path()
                    + " is "
                    + Displays.describe(blocker.value())
                    + ", not an object, and holds "
                    + lost
                    + " that no field maps; replacing it would lose that data");
          }
          parents.put(blocker.path(), blocker.value());
        }
        continue;
      }
      Object now = DocumentPaths.get(current, f.target());
      conditions.add(same(f.target(), now));
      Object had = now == DocumentPaths.ABSENT ? null : now;
      Object v = bson(f, values[i], source.get(i), BsonValues.want(f, had, types.at(f.target())));
      if (v == null && spec.nullEqualsAbsent()) {
        unset.append(f.target(), "");
      } else {
        set.append(f.target(), v);
      }
    }
    for (Map.Entry<String, Object> parent : parents.entrySet()) {
      String prefix = parent.getKey() + ".";
      conditions.add(Filters.eq(parent.getKey(), parent.getValue()));
      var replacement = new Document();
      for (int i = 0; i < spec.fields().size(); i++) {
        FieldSpec f = spec.fields().get(i);
        if (f.target().startsWith(prefix)) {
          Object v =
              bson(f, values[i], source.get(i), BsonValues.want(f, null, types.at(f.target())));
          if (v != null || !spec.nullEqualsAbsent()) {
            put(replacement, f.target().substring(prefix.length()), v);
          }
        }
      }
      set.append(parent.getKey(), replacement);
    }
    var update = new Document();
    if (!set.isEmpty()) {
      update.append("$set", set);
    }
    if (!unset.isEmpty()) {
      update.append("$unset", unset);
    }
    return new RepairWrite(
        RepairAction.UPDATE, new UpdateOneModel<>(flatAnd(conditions), update), update);
  }

  /**
   * The first step on {@code path} whose value cannot have children (a scalar, an array, or null),
   * so MongoDB would refuse to {@code $set} the path beneath it; null if every parent is a document
   * or missing.
   */
  record Blocker(String path, Object value) {}

  static Blocker blocker(Document current, String path) {
    String[] steps = path.split("\\.");
    Object at = current;
    for (int i = 0; i < steps.length - 1; i++) {
      if (at instanceof Map<?, ?> m) {
        if (!m.containsKey(steps[i])) {
          return null;
        }
        at = m.get(steps[i]);
      } else if (at instanceof List<?> l && steps[i].matches("\\d{1,9}")) {
        // A numeric step indexes an array, as in the comparison; past its end MongoDB pads it.
        int index = Integer.parseInt(steps[i]);
        if (index >= l.size()) {
          return null;
        }
        at = l.get(index);
      }
      boolean traversable =
          at instanceof Map || (at instanceof List && steps[i + 1].matches("\\d{1,9}"));
      if (!traversable) {
        return new Blocker(String.join(".", List.of(steps).subList(0, i + 1)), at);
      }
    }
    return null;
  }

  /**
   * Null when the spec owns the wrong-typed parent, which a repair may then replace: nothing lies
   * beneath it that no field maps. A scalar, null or an empty array has nothing beneath it (the
   * value itself is the wrong shape, and stays in the repair's before-image). An array's elements
   * lie beneath it at {@code parent.0}, {@code parent.1}, ..., so unless fields map each of them,
   * the first one not mapped is returned, and the repair fails rather than lose it.
   */
  static String owned(List<FieldSpec> fields, Blocker parent) {
    Set<String> mapped = new HashSet<>();
    fields.forEach(f -> mapped.add(f.target()));
    var stack = new ArrayDeque<Map.Entry<String, Object>>();
    stack.push(Map.entry(parent.path(), parent.value() == null ? NULL : parent.value()));
    boolean root = true;
    while (!stack.isEmpty()) {
      var e = stack.pop();
      Object v = e.getValue();
      if (!root && mapped.contains(e.getKey())) {
        continue;
      }
      if (v instanceof List<?> l) {
        for (int i = l.size() - 1; i >= 0; i--) {
          stack.push(Map.entry(e.getKey() + "." + i, l.get(i) == null ? NULL : l.get(i)));
        }
      } else if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> c : m.entrySet()) {
          stack.push(
              Map.entry(e.getKey() + "." + c.getKey(), c.getValue() == null ? NULL : c.getValue()));
        }
      } else if (!root) {
        return e.getKey();
      }
      root = false;
    }
    return null;
  }

  private static final Object NULL = new Object();

  /**
   * The document this write leaves in place of {@code before} (the document it was decided on),
   * computed as MongoDB applies the write; null for a delete, or when the result depends on rules
   * this does not model (an array padded past its end, a path through a scalar), which the caller
   * then reads back instead. Only valid for a write that took effect on that very document.
   */
  Document appliedTo(Document before) {
    return switch (action) {
      case INSERT -> after;
      case DELETE -> null;
      case UPDATE -> updated(before);
    };
  }

  private Document updated(Document before) {
    if (before == null) {
      return null;
    }
    Document doc = (Document) deepCopy(before);
    Document set = after.get("$set", Document.class);
    Document unset = after.get("$unset", Document.class);
    boolean modelled = true;
    if (set != null) {
      for (Map.Entry<String, Object> e : set.entrySet()) {
        modelled &= setPath(doc, e.getKey(), deepCopy(e.getValue()));
      }
    }
    if (unset != null) {
      for (String path : unset.keySet()) {
        modelled &= unsetPath(doc, path);
      }
    }
    return modelled ? doc : null;
  }

  private static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      var copy = new Document();
      m.forEach((k, x) -> copy.put((String) k, deepCopy(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      var copy = new ArrayList<Object>(l.size());
      l.forEach(x -> copy.add(deepCopy(x)));
      return copy;
    }
    return v;
  }

  // {$set: {path: v}}: documents are created on the way, an array element is set in place.
  @SuppressWarnings("unchecked")
  private static boolean setPath(Document doc, String path, Object v) {
    String[] steps = path.split("\\.");
    Object at = doc;
    for (int i = 0; i < steps.length - 1; i++) {
      Object next;
      if (at instanceof Map<?, ?> m) {
        next = m.get(steps[i]);
        if (next == null && !m.containsKey(steps[i])) {
          next = new Document();
          ((Map<String, Object>) m).put(steps[i], next);
        }
      } else if (at instanceof List<?> l && index(steps[i], l.size()) >= 0) {
        next = l.get(index(steps[i], l.size()));
      } else {
        return false;
      }
      if (!(next instanceof Map) && !(next instanceof List)) {
        return false;
      }
      at = next;
    }
    String last = steps[steps.length - 1];
    if (at instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, v);
      return true;
    }
    if (at instanceof List<?> l && index(last, l.size()) >= 0) {
      ((List<Object>) l).set(index(last, l.size()), v);
      return true;
    }
    return false;
  }

  // {$unset: {path: ""}}: a missing path is left alone, an array element becomes null.
  @SuppressWarnings("unchecked")
  private static boolean unsetPath(Document doc, String path) {
    String[] steps = path.split("\\.");
    Object at = doc;
    for (int i = 0; i < steps.length - 1 && at != null; i++) {
      if (at instanceof Map<?, ?> m) {
        at = m.get(steps[i]);
      } else if (at instanceof List<?> l && steps[i].matches("\\d{1,9}")) {
        int index = Integer.parseInt(steps[i]);
        at = index < l.size() ? l.get(index) : null;
      } else {
        return false;
      }
    }
    String last = steps[steps.length - 1];
    if (at instanceof Map<?, ?> m) {
      m.remove(last);
    } else if (at instanceof List<?> l && index(last, l.size()) >= 0) {
      ((List<Object>) l).set(index(last, l.size()), null);
    }
    return true;
  }

  // The array index a step names, or -1 if it names none within the array's size.
  private static int index(String step, int size) {
    if (!step.matches("\\d{1,9}")) {
      return -1;
    }
    int index = Integer.parseInt(step);
    return index < size ? index : -1;
  }

  /** Deletes the document only while every mapped field still holds its compared value. */
  static RepairWrite delete(JobSpec spec, TargetKeys keys, RecordKey key, Document current) {
    var conditions = new ArrayList<Bson>();
    conditions.add(TargetFilters.eq(keys, key));
    for (FieldSpec f : spec.fields()) {
      conditions.add(same(f.target(), DocumentPaths.get(current, f.target())));
    }
    return new RepairWrite(RepairAction.DELETE, new DeleteOneModel<>(flatAnd(conditions)), null);
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
   * server's planner. (The dev kit's embedded MongoDB-wire server serves it by the {@code _id}
   * index too, a planner rule recon adds to it; see docs/performance.md.)
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
