package io.recon.core.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the nested sections of a spec: source, target, missing, orphan, repair and limits. */
final class SectionReaders {
  private SectionReaders() {}

  static SourceSpec source(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("table", "query", "key", "updatedAt"), Set.of("key"));
    if (m == null) {
      return null;
    }
    if (m.containsKey("table") == m.containsKey("query")) {
      r.problem(node, path, "set exactly one of 'table' and 'query'");
    }
    int before = r.problems().size();
    String table = m.containsKey("table") ? r.string(m.get("table"), path + ".table") : null;
    String query = m.containsKey("query") ? r.string(m.get("query"), path + ".query") : null;
    List<String> key = m.containsKey("key") ? keys(r, m.get("key"), path + ".key") : null;
    String updatedAt =
        m.containsKey("updatedAt") ? r.string(m.get("updatedAt"), path + ".updatedAt") : null;
    return r.problems().size() > before || key == null || (table == null) == (query == null)
        ? null
        : new SourceSpec(table, query, key, updatedAt);
  }

  static TargetSpec target(NodeReader r, Node node, String path) {
    var keys = Set.of("database", "collection", "key");
    Map<String, Node> m = r.mapping(node, path, keys, keys);
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    String database =
        m.containsKey("database") ? r.string(m.get("database"), path + ".database") : null;
    String collection =
        m.containsKey("collection") ? r.string(m.get("collection"), path + ".collection") : null;
    List<String> key = m.containsKey("key") ? keys(r, m.get("key"), path + ".key") : null;
    for (String k : key == null ? List.<String>of() : key) {
      String bad = TargetPaths.problem(k);
      if (bad != null) {
        r.problem(m.get("key"), path + ".key", bad);
      }
    }
    return r.problems().size() > before || database == null || collection == null || key == null
        ? null
        : new TargetSpec(database, collection, key);
  }

  private static List<String> keys(NodeReader r, Node node, String path) {
    List<String> key = r.list(node, path, r::string);
    if (key != null && key.isEmpty()) {
      r.problem(node, path, "list at least one key column");
      return null;
    }
    return key == null || key.contains(null) ? null : key;
  }

  static MissingPolicy missing(NodeReader r, Node node, String path) {
    Map<String, Node> m = r.mapping(node, path, Set.of("severity"), Set.of());
    return m == null ? null : new MissingPolicy(severity(r, m, path));
  }

  static OrphanPolicy orphan(NodeReader r, Node node, String path) {
    Map<String, Node> m = r.mapping(node, path, Set.of("severity", "action"), Set.of());
    if (m == null) {
      return null;
    }
    OrphanAction action =
        m.containsKey("action")
            ? r.enumValue(OrphanAction.class, m.get("action"), path + ".action")
            : null;
    return new OrphanPolicy(severity(r, m, path), action);
  }

  private static Severity severity(NodeReader r, Map<String, Node> m, String path) {
    return m.containsKey("severity")
        ? r.enumValue(Severity.class, m.get("severity"), path + ".severity")
        : null;
  }

  static RepairPolicy repair(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(
            node,
            path,
            Set.of("auto", "approvalTimeout", "maxDivergenceRatio", "maxRepairsPerCycle"),
            Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    List<Severity> auto =
        m.containsKey("auto")
            ? r.list(m.get("auto"), path + ".auto", (n, p) -> r.enumValue(Severity.class, n, p))
            : null;
    Duration timeout =
        m.containsKey("approvalTimeout")
            ? r.duration(m.get("approvalTimeout"), path + ".approvalTimeout")
            : null;
    BigDecimal ratio =
        m.containsKey("maxDivergenceRatio")
            ? r.decimal(
                m.get("maxDivergenceRatio"),
                path + ".maxDivergenceRatio",
                BigDecimal.ZERO,
                BigDecimal.ONE)
            : null;
    Long max =
        m.containsKey("maxRepairsPerCycle")
            ? r.integer(m.get("maxRepairsPerCycle"), path + ".maxRepairsPerCycle", 0)
            : null;
    if (r.problems().size() > before) {
      return null;
    }
    return new RepairPolicy(
        auto,
        timeout,
        ratio == null ? RepairPolicy.DEFAULT.maxDivergenceRatio() : ratio.doubleValue(),
        max == null ? RepairPolicy.DEFAULT.maxRepairsPerCycle() : max);
  }

  static Limits limits(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("readsPerSecond", "writesPerSecond"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    Long reads =
        m.containsKey("readsPerSecond")
            ? r.integer(m.get("readsPerSecond"), path + ".readsPerSecond", 0)
            : null;
    Long writes =
        m.containsKey("writesPerSecond")
            ? r.integer(m.get("writesPerSecond"), path + ".writesPerSecond", 0)
            : null;
    if (r.problems().size() > before) {
      return null;
    }
    return new Limits(reads == null ? 0 : reads, writes == null ? 0 : writes);
  }
}
