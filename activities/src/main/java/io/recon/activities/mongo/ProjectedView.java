package io.recon.activities.mongo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What an inclusion projection of the given dotted paths returns for a whole document, computed
 * locally with MongoDB's rules: a path through a scalar or null yields nothing (so {@code
 * contact.email} of {@code {contact: "a@b"}} drops {@code contact}), and a path through an array
 * keeps the array with each document element projected and every other element dropped.
 *
 * <p>Repair reads whole documents for its before-images, but must judge them exactly as the
 * comparison saw them through its projection, or a parent of the wrong type would look like a
 * concurrent change.
 */
final class ProjectedView {
  private static final Object LEAF = new Object();
  private static final Object DROP = new Object();

  private final Map<String, Object> tree = new LinkedHashMap<>();

  ProjectedView(List<String> paths) {
    for (String path : paths) {
      Map<String, Object> at = tree;
      String[] steps = path.split("\\.");
      for (int i = 0; i < steps.length; i++) {
        if (i == steps.length - 1) {
          at.put(steps[i], LEAF);
        } else {
          Object next = at.get(steps[i]);
          if (next == LEAF) {
            break; // a parent is included whole already
          }
          if (next == null) {
            next = new LinkedHashMap<String, Object>();
            at.put(steps[i], next);
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) next;
          at = m;
        }
      }
    }
  }

  /** {@code doc} as the projection would return it; {@code _id} stays, as MongoDB keeps it. */
  Document of(Document doc) {
    Document out = (Document) project(doc, tree);
    if (doc.containsKey("_id") && !out.containsKey("_id")) {
      out.put("_id", doc.get("_id"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object project(Object value, Map<String, Object> spec) {
    if (value instanceof Map<?, ?> m) {
      var out = new Document();
      for (Map.Entry<String, Object> e : spec.entrySet()) {
        if (!m.containsKey(e.getKey())) {
          continue;
        }
        Object child = m.get(e.getKey());
        Object kept =
            e.getValue() == LEAF ? child : project(child, (Map<String, Object>) e.getValue());
        if (kept != DROP) {
          out.put(e.getKey(), kept);
        }
      }
      return out;
    }
    if (value instanceof List<?> l) {
      var out = new ArrayList<Object>(l.size());
      for (Object element : l) {
        Object kept = project(element, spec);
        if (kept != DROP) {
          out.add(kept);
        }
      }
      return out;
    }
    return DROP;
  }
}
