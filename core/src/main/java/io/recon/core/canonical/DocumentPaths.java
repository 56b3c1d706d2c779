package io.recon.core.canonical;

import java.util.List;
import java.util.Map;

/** Reads dotted paths from BSON documents, keeping an absent field apart from a null one. */
public final class DocumentPaths {
  /** Marks a path with nothing at its end. Compare by identity. */
  public static final Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "<absent>";
        }
      };

  private DocumentPaths() {}

  /**
   * The value at {@code path} ({@code a.b.c}; a numeric step indexes an array), null for an
   * explicit null, or {@link #ABSENT}. A null or missing parent makes the path absent, as in
   * MongoDB queries. A parent of another type (a string where an object belongs) yields that parent
   * wrapped in {@link WrongParent}, so the caller reports it rather than hiding it.
   */
  public static Object get(Map<String, ?> doc, String path) {
    if (path.indexOf('.') < 0) {
      // A top-level field, the common case: no split, no array steps, no parents.
      // One lookup for a present value; the second only tells null from absent.
      Object v = doc.get(path);
      return v != null || doc.containsKey(path) ? v : ABSENT;
    }
    Object current = doc;
    String[] steps = path.split("\\.", -1);
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      if (current instanceof Map<?, ?> m) {
        Object next = m.get(step);
        if (next == null && !m.containsKey(step)) {
          return ABSENT;
        }
        current = next;
      } else if (current instanceof List<?> l && step.matches("\\d{1,9}")) {
        int index = Integer.parseInt(step);
        if (index >= l.size()) {
          return ABSENT;
        }
        current = l.get(index);
      } else {
        return new WrongParent(String.join(".", List.of(steps).subList(0, i)), current);
      }
      if (current == null && i < steps.length - 1) {
        return ABSENT;
      }
    }
    return current;
  }

  /** A path step that met a value which cannot have children. */
  public record WrongParent(String parentPath, Object parent) {}
}
