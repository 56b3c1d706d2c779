package io.recon.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What changed between two versions of a spec, key by key: each leaf of the YAML tree is named by
 * its dotted path ({@code repair.approvalTimeout}, {@code fields[amount].tolerance}). An element of
 * a list of mappings is named by its {@code target} (or {@code source}, or {@code name}) when that
 * is unique in the list, so that inserting a field does not show every later field as changed; a
 * list of plain values ({@code approvers}, {@code key}) is one value.
 */
public final class SpecDiff {
  private static final List<String> IDENTITIES = List.of("target", "source", "name");

  private SpecDiff() {}

  /**
   * One changed leaf.
   *
   * @param before its value in the first version, or null when it was absent
   * @param after its value in the second version, or null when it is absent
   */
  public record Change(String path, String before, String after) {
    /** {@code path: before -> after}, with {@code (absent)} for a missing side. */
    public String describe() {
      return path + ": " + shown(before) + " -> " + shown(after);
    }

    private static String shown(String value) {
      return value == null ? "(absent)" : value;
    }
  }

  /**
   * The changes from {@code before} to {@code after}, two spec documents in YAML: first the paths
   * of {@code before} in document order, then those only {@code after} has.
   *
   * @throws IllegalArgumentException when either text is not YAML
   */
  public static List<Change> between(String before, String after) {
    Map<String, String> a = flatten(before);
    Map<String, String> b = flatten(after);
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (!e.getValue().equals(other)) {
        changes.add(new Change(e.getKey(), e.getValue(), other));
      }
    }
    for (Map.Entry<String, String> e : b.entrySet()) {
      if (!a.containsKey(e.getKey())) {
        changes.add(new Change(e.getKey(), null, e.getValue()));
      }
    }
    return changes;
  }

  /** Every leaf of the document by its path, in document order. */
  static Map<String, String> flatten(String yaml) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("a stored spec is not YAML: " + e.getMessage(), e);
    }
    Map<String, String> leaves = new LinkedHashMap<>();
    walk("", root, leaves);
    return leaves;
  }

  private static void walk(String path, Object node, Map<String, String> leaves) {
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        walk(path.isEmpty() ? key : path + "." + key, e.getValue(), leaves);
      }
    } else if (node instanceof List<?> list && !list.isEmpty() && allMappings(list)) {
      String identity = identity(list);
      for (int i = 0; i < list.size(); i++) {
        Object id = identity == null ? null : ((Map<?, ?>) list.get(i)).get(identity);
        walk(path + "[" + (id == null ? String.valueOf(i) : id) + "]", list.get(i), leaves);
      }
    } else {
      leaves.put(path, value(node));
    }
  }

  private static boolean allMappings(List<?> list) {
    return list.stream().allMatch(e -> e instanceof Map<?, ?>);
  }

  /** The key that names each element uniquely, or null to name elements by index. */
  private static String identity(List<?> list) {
    for (String key : IDENTITIES) {
      Set<Object> seen = new HashSet<>();
      boolean unique = true;
      for (Object e : list) {
        Object id = ((Map<?, ?>) e).get(key);
        if (id == null || id instanceof Map<?, ?> || id instanceof List<?> || !seen.add(id)) {
          unique = false;
          break;
        }
      }
      if (unique) {
        return key;
      }
    }
    return null;
  }

  private static String value(Object node) {
    if (node == null) {
      return "null";
    }
    if (node instanceof List<?> list) {
      return list.stream().map(SpecDiff::value).collect(Collectors.joining(", ", "[", "]"));
    }
    if (node instanceof Map<?, ?> map) {
      return map.isEmpty() ? "{}" : map.toString();
    }
    return String.valueOf(node);
  }
}
