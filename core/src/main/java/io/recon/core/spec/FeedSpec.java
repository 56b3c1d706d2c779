package io.recon.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
 * @param cycles how many key-set cycles of the feed may be in flight at once (null for {@link
 *     #DEFAULT_CYCLES}); each takes keys no other one holds. Left out of the spec's canonical form
 *     when unset, so specs written before the key existed keep their hash
 */
public record FeedSpec(
    Duration window,
    int batch,
    String slot,
    String publication,
    List<FeedTable> tables,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer cycles) {
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
  public static final int DEFAULT_BATCH = 10_000;
  public static final int DEFAULT_CYCLES = 3;
  public static final int MAX_CYCLES = 8;
  private static final Duration MIN_SLICE = Duration.ofSeconds(1);
  public static final FeedSpec DEFAULT =
      new FeedSpec(null, DEFAULT_BATCH, null, null, List.of(), null);

  /** The same settings without {@code cycles} (as written before that key existed). */
  public FeedSpec(
      Duration window, int batch, String slot, String publication, List<FeedTable> tables) {
    this(window, batch, slot, publication, tables, null);
  }

  /** A replication slot name as PostgreSQL accepts it: lower-case letters, digits, underscores. */
  public static final Pattern SLOT = Pattern.compile("[a-z0-9_]{1,63}");

  /** A publication name recon can pass to {@code pgoutput} without quoting rules in the way. */
  public static final Pattern PUBLICATION = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** A captured table: {@code table} or {@code schema.table}, unquoted. */
  private static final Pattern TABLE =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_$]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_$]{0,62}");

  public FeedSpec {
    window = window == null ? DEFAULT_WINDOW : window;
    Require.check(!window.isNegative() && !window.isZero(), "feed.window", "must be > 0");
    Require.check(batch >= 1, "feed.batch", "must be >= 1");
    Require.check(
        cycles == null || (cycles >= 1 && cycles <= MAX_CYCLES),
        "feed.cycles",
        "must be between 1 and " + MAX_CYCLES);
    tables = tables == null ? List.of() : List.copyOf(tables);
  }

  /** Key-set cycles that may be in flight at once. */
  @JsonIgnore
  public int cyclesInFlight() {
    return cycles == null ? DEFAULT_CYCLES : cycles;
  }

  /**
   * How long one capture slice lasts: the window divided among the cycles in flight (at least a
   * second), so that a fresh count of waiting keys reaches the feed as often as a cycle may start.
   */
  @JsonIgnore
  public Duration slice() {
    Duration share = window.dividedBy(cyclesInFlight());
    Duration floor = window.compareTo(MIN_SLICE) < 0 ? window : MIN_SLICE;
    return share.compareTo(floor) < 0 ? floor : share;
  }

  /** The replication slot of job {@code jobName}. */
  public String slotName(String jobName) {
    return slot != null ? slot : "recon_" + jobName.replace('-', '_');
  }

  /** The publication of job {@code jobName}. */
  public String publicationName(String jobName) {
    return publication != null ? publication : "recon_" + jobName.replace('-', '_');
  }

  /**
   * The checks of {@code feed:} that need the rest of the spec, reported at their lines: names
   * PostgreSQL accepts (the default slot name of a long job name may not be), captured tables named
   * once, each {@code keys} query valid ({@link FeedKeys#check}), and a {@code query} source lists
   * its tables (recon cannot tell which tables a query reads, nor how their rows map to keys).
   */
  static void check(NodeReader r, Node node, FeedSpec feed, String jobName, SourceSpec source) {
    if (feed == null || node == null) {
      return;
    }
    if (feed.slot() != null && !SLOT.matcher(feed.slot()).matches()) {
      r.problem(
          Nodes.child(node, "slot"),
          "feed.slot",
          "'" + feed.slot() + "' must match [a-z0-9_]{1,63} (a PostgreSQL replication slot name)");
    } else if (feed.slot() == null
        && jobName != null
        && !SLOT.matcher(feed.slotName(jobName)).matches()) {
      r.problem(
          node,
          "feed.slot",
          "the default slot name '"
              + feed.slotName(jobName)
              + "' is longer than 63 characters; set feed.slot");
    }
    String publication = jobName == null ? feed.publication() : feed.publicationName(jobName);
    if (publication != null && !PUBLICATION.matcher(publication).matches()) {
      r.problem(
          feed.publication() != null ? Nodes.child(node, "publication") : node,
          "feed.publication",
          "'" + publication + "' must match [a-z_][a-z0-9_]{0,62} (a PostgreSQL publication name)");
    }
    Node tablesNode = Nodes.child(node, "tables");
    List<Node> items = tablesNode instanceof SequenceNode s ? s.getValue() : List.of();
    var seen = new java.util.HashMap<String, Integer>();
    for (int i = 0; i < feed.tables().size(); i++) {
      FeedTable t = feed.tables().get(i);
      Node item = i < items.size() ? items.get(i) : node;
      String path = "feed.tables[" + i + "]";
      if (!TABLE.matcher(t.table()).matches()) {
        r.problem(
            Nodes.child(item, "table"),
            path + ".table",
            "'" + t.table() + "' must be 'table' or 'schema.table' (letters, digits, _ and $)");
      }
      Integer before = seen.putIfAbsent(t.table(), i);
      if (before != null) {
        r.problem(
            Nodes.child(item, "table"),
            path + ".table",
            "table '" + t.table() + "' is already captured by feed.tables[" + before + "]");
      }
      if (source == null) {
        continue;
      }
      Node keysNode = Nodes.child(item, "keys");
      try {
        FeedKeys.check(t.keys(), source.key())
            .ifPresent(p -> r.problem(keysNode, path + ".keys", p.message()));
      } catch (IllegalArgumentException e) {
        r.problem(keysNode, path + ".keys", e.getMessage());
      }
    }
    if (source != null && source.query() != null && feed.tables().isEmpty()) {
      r.problem(
          tablesNode != null ? tablesNode : node,
          "feed.tables",
          "a query source needs feed.tables: for each table the query reads, a keys query mapping"
              + " its changed rows to job keys, e.g. {table: address, keys: \"select id from"
              + " customer where address_id = :address_id\"}");
    }
  }

  static FeedSpec read(NodeReader r, Node node, String path) {
    Map<String, Node> m =
        r.mapping(
            node,
            path,
            Set.of("window", "batch", "slot", "publication", "tables", "cycles"),
            Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    Duration window =
        m.containsKey("window") ? r.duration(m.get("window"), path + ".window") : null;
    Long batch = m.containsKey("batch") ? r.integer(m.get("batch"), path + ".batch", 1) : null;
    Long cycles = m.containsKey("cycles") ? r.integer(m.get("cycles"), path + ".cycles", 1) : null;
    if (cycles != null && cycles > MAX_CYCLES) {
      r.problem(m.get("cycles"), path + ".cycles", "must be <= " + MAX_CYCLES + ", got " + cycles);
    }
    String slot = m.containsKey("slot") ? r.string(m.get("slot"), path + ".slot") : null;
    String publication =
        m.containsKey("publication") ? r.string(m.get("publication"), path + ".publication") : null;
    List<FeedTable> tables =
        m.containsKey("tables")
            ? r.list(m.get("tables"), path + ".tables", (n, p) -> FeedTable.read(r, n, p))
            : List.of();
    if (r.problems().size() > before
        || tables == null
        || tables.stream().anyMatch(java.util.Objects::isNull)) {
      return null;
    }
    return new FeedSpec(
        window,
        batch == null ? DEFAULT_BATCH : Math.toIntExact(batch),
        slot,
        publication,
        new ArrayList<>(tables),
        cycles == null ? null : Math.toIntExact(cycles));
  }
}
