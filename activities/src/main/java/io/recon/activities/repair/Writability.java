package io.recon.activities.repair;

import com.mongodb.MongoClientSettings;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.CanonicalValue;
import io.recon.core.spec.JobSpec;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * Decides, before anything is sent, whether a repair can be written at all. A source value that
 * could not be read, or a document MongoDB would refuse (over 16 MB, nested deeper than 100
 * levels), fails that one repair with its reason; the batch goes on.
 */
final class Writability {
  /** MongoDB's largest document, in bytes. */
  static final int MAX_BSON_BYTES = 16 * 1024 * 1024;

  /** MongoDB's deepest nesting of documents and arrays. */
  static final int MAX_DEPTH = 100;

  static final String TOO_LARGE = "UNWRITABLE: document exceeds 16 MB";
  static final String TOO_DEEP = "UNWRITABLE: document nests deeper than " + MAX_DEPTH + " levels";

  private static final Codec<Document> CODEC =
      MongoClientSettings.getDefaultCodecRegistry().get(Document.class);

  private Writability() {}

  /**
   * Why the source record cannot be written faithfully, or null: a value that is invalid in the
   * canonical form would be written as something else, and the repair could never verify.
   */
  static String invalidSource(JobSpec spec, CanonicalRecord record) {
    for (int i = 0; i < record.values().size(); i++) {
      if (record.values().get(i) instanceof CanonicalValue.Invalid v) {
        String found = v.found();
        String inner =
            v.unreadable()
                ? found.substring(
                    ("<" + CanonicalValue.Invalid.INVALID_VALUE + ": ").length(),
                    found.length() - 1)
                : found;
        return CanonicalValue.Invalid.INVALID_VALUE
            + ": source "
            + spec.fields().get(i).source()
            + " is "
            + inner;
      }
    }
    return null;
  }

  /**
   * Why {@code write} would be refused by MongoDB, or null. An update is measured on the document
   * it would produce from {@code current}.
   */
  static String refused(RepairWrite write, Document current) {
    Document result =
        write.action() == RepairAction.UPDATE ? updated(current, write.after()) : write.after();
    if (result == null) {
      return null;
    }
    if (depth(result) > MAX_DEPTH) {
      return TOO_DEEP;
    }
    // Depth is bounded now, so the (recursive) encoder is safe to run.
    int bytes = new RawBsonDocument(result, CODEC).getByteBuffer().remaining();
    return bytes > MAX_BSON_BYTES ? TOO_LARGE : null;
  }

  /**
   * {@code current} with {@code update}'s $set and $unset applied, leaving {@code current} as is.
   */
  @SuppressWarnings("unchecked")
  static Document updated(Document current, Document update) {
    Document result = new Document(current);
    for (String op : List.of("$set", "$unset")) {
      Object paths = update.get(op);
      if (!(paths instanceof Map<?, ?> m)) {
        continue;
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String[] steps = String.valueOf(e.getKey()).split("\\.");
        Map<String, Object> at = result;
        for (int i = 0; i < steps.length - 1; i++) {
          Object next = at.get(steps[i]);
          // Copy each level on the way, so the document read from the target stays untouched.
          Document copy =
              next instanceof Map ? new Document((Map<String, Object>) next) : new Document();
          at.put(steps[i], copy);
          at = copy;
        }
        if (op.equals("$set")) {
          at.put(steps[steps.length - 1], e.getValue());
        } else {
          at.remove(steps[steps.length - 1]);
        }
      }
    }
    return result;
  }

  /** The nesting depth of a document (1 for a flat one), counted without recursion. */
  static int depth(Object root) {
    int deepest = 0;
    var stack = new ArrayDeque<Object[]>();
    stack.push(new Object[] {root, 1});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      int level = (Integer) top[1];
      Iterable<?> children;
      if (top[0] instanceof Map<?, ?> m) {
        children = m.values();
      } else if (top[0] instanceof List<?> l) {
        children = l;
      } else {
        continue;
      }
      deepest = Math.max(deepest, level);
      if (deepest > MAX_DEPTH) {
        return deepest;
      }
      for (Object child : children) {
        if (child instanceof Map || child instanceof List) {
          stack.push(new Object[] {child, level + 1});
        }
      }
    }
    return deepest;
  }
}
