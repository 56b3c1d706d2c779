package io.recon.core.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How long the job's reconciliation records are kept (spec key {@code retention:}); a null window
 * falls back to the global setting, and without one nothing of that kind is pruned.
 *
 * @param discrepancies how long settled discrepancies (and their repairs) are kept
 * @param beforeImages how long repair before-images are kept; rollback needs them
 * @param audit how long audit rows are kept; removed rows are sealed by a checkpoint
 */
public record Retention(Duration discrepancies, Duration beforeImages, Duration audit) {
  static Retention read(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("discrepancies", "beforeImages", "audit"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    Duration discrepancies =
        m.containsKey("discrepancies")
            ? r.duration(m.get("discrepancies"), path + ".discrepancies")
            : null;
    Duration beforeImages =
        m.containsKey("beforeImages")
            ? r.duration(m.get("beforeImages"), path + ".beforeImages")
            : null;
    Duration audit = m.containsKey("audit") ? r.duration(m.get("audit"), path + ".audit") : null;
    return r.problems().size() > before ? null : new Retention(discrepancies, beforeImages, audit);
  }
}
