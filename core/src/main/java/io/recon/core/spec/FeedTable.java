package io.recon.core.spec;

import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One table the feed captures, for a {@code query} source: a change to a row of {@code table}
 * affects the job keys that {@code keys} selects, its {@code :column} parameters bound to the
 * changed row's values (the old and the new row of an update or a key change).
 *
 * @param table the captured table, optionally schema-qualified
 * @param keys a read-only SELECT returning the job's key columns, by the names of {@code
 *     source.key}
 */
public record FeedTable(String table, String keys) {
  public FeedTable {
    Require.nonBlank(table, "feed.tables[].table");
    Require.nonBlank(keys, "feed.tables[].keys");
  }

  static FeedTable read(NodeReader r, Node node, String path) {
    Map<String, Node> m = r.mapping(node, path, Set.of("table", "keys"), Set.of("table", "keys"));
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    String table = r.string(m.get("table"), path + ".table");
    String keys = r.string(m.get("keys"), path + ".keys");
    return r.problems().size() > before ? null : new FeedTable(table, keys);
  }
}
