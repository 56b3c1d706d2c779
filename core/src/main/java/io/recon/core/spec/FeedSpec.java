package io.recon.core.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The job's continuous mode (spec key {@code feed:}): how often the keys changed on either side are
 * reconciled, and where the source's changes are read from.
 *
 * @param window how long changed keys wait before they are reconciled as one key-set cycle
 * @param batch reconcile sooner once this many distinct keys are waiting; also the most keys one
 *     key-set cycle takes
 * @param slot the PostgreSQL logical replication slot, or null for {@code recon_<name>} (dashes as
 *     underscores)
 * @param publication the PostgreSQL publication, or null for {@code recon_<name>}
 * @param tables per captured table, how one of its changes maps to job keys; empty for a {@code
 *     table} source, whose own table is captured and whose changed row's key is the job key
 */
public record FeedSpec(
    Duration window, int batch, String slot, String publication, List<FeedTable> tables) {
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
  public static final int DEFAULT_BATCH = 1000;
  public static final FeedSpec DEFAULT = new FeedSpec(null, DEFAULT_BATCH, null, null, List.of());

  public FeedSpec {
    window = window == null ? DEFAULT_WINDOW : window;
    Require.check(!window.isNegative() && !window.isZero(), "feed.window", "must be > 0");
    Require.check(batch >= 1, "feed.batch", "must be >= 1");
    tables = tables == null ? List.of() : List.copyOf(tables);
  }

  /** The replication slot of job {@code jobName}. */
  public String slotName(String jobName) {
    return slot != null ? slot : "recon_" + jobName.replace('-', '_');
  }

  /** The publication of job {@code jobName}. */
  public String publicationName(String jobName) {
    return publication != null ? publication : "recon_" + jobName.replace('-', '_');
  }

  static FeedSpec read(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(node, path, Set.of("window", "batch", "slot", "publication", "tables"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    Duration window =
        m.containsKey("window") ? r.duration(m.get("window"), path + ".window") : null;
    Long batch = m.containsKey("batch") ? r.integer(m.get("batch"), path + ".batch", 1) : null;
    String slot = m.containsKey("slot") ? r.string(m.get("slot"), path + ".slot") : null;
    String publication =
        m.containsKey("publication") ? r.string(m.get("publication"), path + ".publication") : null;
    List<FeedTable> tables =
        m.containsKey("tables")
            ? r.list(m.get("tables"), path + ".tables", (n, p) -> FeedTable.read(r, n, p))
            : List.of();
    if (r.problems().size() > before
        || tables == null
        || tables.stream().anyMatch(t -> t == null)) {
      return null;
    }
    return new FeedSpec(
        window,
        batch == null ? DEFAULT_BATCH : Math.toIntExact(batch),
        slot,
        publication,
        new ArrayList<>(tables));
  }
}
