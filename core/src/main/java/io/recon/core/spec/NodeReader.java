package io.recon.core.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads from YAML nodes that record a located problem instead of failing, so that one pass
 * reports everything wrong with a file. Every read returns null after a problem.
 */
final class NodeReader {
  private final String file;
  private final List<SpecProblem> problems = new ArrayList<>();

  NodeReader(String file) {
    this.file = file;
  }

  List<SpecProblem> problems() {
    return problems;
  }

  void problem(Node at, String key, String message) {
    problems.add(
        new SpecProblem(
            file,
            at.getStartMark().getLine() + 1,
            at.getStartMark().getColumn() + 1,
            key,
            message));
  }

  void problem(int line, int column, String key, String message) {
    problems.add(new SpecProblem(file, line, column, key, message));
  }

  /**
   * The entries of a mapping by key, after reporting unknown keys (with a suggestion), duplicate
   * keys and missing required keys.
   */
  Map<String, Node> mapping(Node node, String path, Set<String> allowed, Set<String> required) {
    if (!(node instanceof MappingNode m)) {
      problem(node, path, "expected a mapping");
      return null;
    }
    var entries = new LinkedHashMap<String, Node>();
    for (NodeTuple t : m.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
      String keyPath = path.isEmpty() ? key : path + "." + key;
      if (key == null) {
        problem(t.getKeyNode(), path, "keys must be plain words");
      } else if (!allowed.contains(key)) {
        String hint =
            Suggest.closest(key, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
        problem(t.getKeyNode(), keyPath, "unknown key" + hint);
      } else if (entries.putIfAbsent(key, t.getValueNode()) != null) {
        problem(t.getKeyNode(), keyPath, "duplicate key");
      }
    }
    for (String r : required) {
      if (!entries.containsKey(r)) {
        problem(node, path.isEmpty() ? r : path + "." + r, "required key is missing");
      }
    }
    return entries;
  }

  String string(Node node, String path) {
    if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
      return s.getValue();
    }
    problem(node, path, "expected a non-empty text value");
    return null;
  }

  Long integer(Node node, String path, long min) {
    String text = string(node, path);
    try {
      long n = Long.parseLong(text == null ? "" : text.replace("_", ""));
      if (n >= min) {
        return n;
      }
      problem(node, path, "must be >= " + min + ", got " + n);
    } catch (NumberFormatException e) {
      if (text != null) {
        problem(node, path, "expected a whole number, got '" + text + "'");
      }
    }
    return null;
  }

  BigDecimal decimal(Node node, String path, BigDecimal min, BigDecimal max) {
    String text = string(node, path);
    try {
      BigDecimal d = new BigDecimal(text == null ? "" : text);
      if (d.compareTo(min) >= 0 && (max == null || d.compareTo(max) <= 0)) {
        return d;
      }
      problem(
          node, path, "must be " + (max == null ? ">= " + min : "in [" + min + ", " + max + "]"));
    } catch (NumberFormatException e) {
      if (text != null) {
        problem(node, path, "expected a number, got '" + text + "'");
      }
    }
    return null;
  }

  Boolean bool(Node node, String path) {
    String text = string(node, path);
    if ("true".equals(text) || "false".equals(text)) {
      return Boolean.valueOf(text);
    }
    if (text != null) {
      problem(node, path, "expected true or false, got '" + text + "'");
    }
    return null;
  }

  Duration duration(Node node, String path) {
    String text = string(node, path);
    try {
      return text == null ? null : Durations.parse(text);
    } catch (IllegalArgumentException e) {
      problem(node, path, e.getMessage());
      return null;
    }
  }

  <E extends Enum<E>> E enumValue(Class<E> type, Node node, String path) {
    String text = string(node, path);
    if (text == null) {
      return null;
    }
    return YamlNames.parse(type, text)
        .orElseGet(
            () -> {
              problem(node, path, "'" + text + "' is not one of " + YamlNames.allowed(type));
              return null;
            });
  }

  /** Each element read by {@code element}; null if the node is not a sequence. */
  <T> List<T> list(Node node, String path, BiFunction<Node, String, T> element) {
    if (!(node instanceof SequenceNode s)) {
      problem(node, path, "expected a list");
      return null;
    }
    var out = new ArrayList<T>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(element.apply(s.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }
}
