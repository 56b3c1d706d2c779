package io.recon.activities.source;

import io.recon.activities.support.Failures;
import io.recon.core.compare.KeyType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.SourceQueryCheck;
import io.recon.core.spec.SourceSpec;
import io.recon.workflows.failure.FailureType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL that reads the source of one spec. Rows come in key order with {@code COLLATE "C"} on
 * text key parts, which is the order of {@code RecordKey} and of MongoDB; pages are keyset pages
 * ({@code (k1, k2) >= (?, ?)}), never offsets. Identifiers are validated and quoted, values bound.
 */
public final class SourceQuery {
  private final String from;
  private final List<String> keyColumns;
  private final List<KeyType> keyTypes;
  private final List<String> selected;
  private final String updatedAt;

  /**
   * @param keyTypes the key parts' types, from {@link SourceProbe}; they decide the collation
   */
  public SourceQuery(SourceSpec source, List<FieldSpec> fields, List<KeyType> keyTypes) {
    try {
      this.from = relation(source) + " q";
    } catch (IllegalArgumentException e) {
      throw Failures.permanent(FailureType.BAD_SPEC, e.getMessage());
    }
    this.keyColumns = source.key().stream().map(c -> "q." + SqlNames.quote(c)).toList();
    this.keyTypes = List.copyOf(keyTypes);
    if (keyTypes.size() != keyColumns.size()) {
      throw new IllegalArgumentException("one key type per key column is required");
    }
    var cols = new ArrayList<>(keyColumns);
    fields.forEach(f -> cols.add("q." + SqlNames.quote(f.source())));
    this.selected = List.copyOf(cols);
    this.updatedAt = source.updatedAt() == null ? null : "q." + SqlNames.quote(source.updatedAt());
  }

  /**
   * The table, quoted, or the query as a subselect (without a trailing semicolon). The query is
   * checked here too, so a spec that reached a worker without {@code SpecLoader} is refused before
   * it runs; the closing parenthesis goes on a line of its own, so a trailing {@code --} comment
   * cannot swallow it and the clauses recon appends.
   *
   * @throws IllegalArgumentException if the table name is unusable or the query is not one SELECT
   */
  public static String relation(SourceSpec source) {
    if (source.table() != null && !source.table().isBlank()) {
      return SqlNames.qualified(source.table());
    }
    SourceQueryCheck.require(source.query());
    String q = source.query().strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).strip();
    }
    return "(" + q + "\n)";
  }

  /** Zero rows, only the result's columns: validates the relation and every name cheaply. */
  public static String probe(SourceSpec source) {
    return "select * from " + relation(source) + " q limit 0";
  }

  /**
   * One keyset page: key columns then field columns. Binds, in order: the lower bound's parts
   * (inclusive) if {@code lo}, the upper bound's parts (exclusive) if {@code hi}, the since instant
   * if {@code since}, then the limit.
   */
  public String page(boolean lo, boolean hi, boolean since) {
    return "select "
        + String.join(", ", selected)
        + " from "
        + from
        + where(lo, hi, since)
        + " order by "
        + orderBy()
        + " limit ?";
  }

  /** The rows of {@code n} keys, in no particular order; binds each key's parts in turn. */
  public String byKeys(int n) {
    String one = "(" + String.join(", ", Collections.nCopies(keyColumns.size(), "?")) + ")";
    return "select "
        + String.join(", ", selected)
        + " from "
        + from
        + " where ("
        + String.join(", ", keyColumns)
        + ") in ("
        + String.join(", ", Collections.nCopies(n, one))
        + ")";
  }

  /**
   * The first key above a given one: binds that key's parts (exclusive), the upper bound's parts
   * (exclusive) if {@code hi}, then the since instant if {@code since}. It steps past a key that
   * repeats more often than a page holds.
   */
  public String keyAfter(boolean hi, boolean since) {
    String where = where(false, hi, since);
    String above = keyTuple() + " > " + placeholders();
    return "select "
        + String.join(", ", keyColumns)
        + " from "
        + from
        + (where.isEmpty() ? " where " + above : " where " + above + " and " + where.substring(7))
        + " order by "
        + orderBy()
        + " limit 1";
  }

  /**
   * How many rows hold keys in {@code [lo, hi)}: binds the lower bound's parts, the upper bound's
   * parts if {@code hi}, then the since instant if {@code since}.
   */
  public String countFrom(boolean hi, boolean since) {
    return "select count(*) from " + from + where(true, hi, since);
  }

  /** How many rows (changed since, when {@code since}) the source has. */
  public String count(boolean since) {
    return "select count(*) from " + from + where(false, false, since);
  }

  /**
   * Every {@code step}-th key in key order, skipping the first row: the lower bounds of all ranges
   * but the first. Binds the since instant if {@code since}, then the step.
   */
  public String boundaries(boolean since) {
    var aliased = new ArrayList<String>();
    var outer = new ArrayList<String>();
    for (int i = 0; i < keyColumns.size(); i++) {
      aliased.add(keyColumns.get(i) + " as k" + i);
      outer.add("k" + i);
    }
    return "select "
        + String.join(", ", outer)
        + " from (select "
        + String.join(", ", aliased)
        + ", row_number() over (order by "
        + orderBy()
        + ") as recon_rn from "
        + from
        + where(false, false, since)
        + ") b where recon_rn > 1 and (recon_rn - 1) % ? = 0 order by recon_rn";
  }

  /**
   * The source rows with a NULL key part, one row per distinct key (its parts, NULL where NULL)
   * with how many rows hold it, in key order. Whatever {@code since}, as such a row can never be
   * compared: it must be reported every cycle.
   */
  public String nullKeys() {
    var isNull = keyColumns.stream().map(c -> c + " is null").toList();
    return "select "
        + String.join(", ", keyColumns)
        + ", count(*) from "
        + from
        + " where "
        + String.join(" or ", isNull)
        + " group by "
        + String.join(", ", keyColumns)
        + " order by "
        + orderBy();
  }

  // A NULL key part matches no tuple comparison the same way twice (and sorts last): every read
  // but nullKeys() leaves such rows out, so none can break the key order or pass as another key.
  private String where(boolean lo, boolean hi, boolean since) {
    var conditions = new ArrayList<String>();
    keyColumns.forEach(c -> conditions.add(c + " is not null"));
    if (lo) {
      conditions.add(keyTuple() + " >= " + placeholders());
    }
    if (hi) {
      conditions.add(keyTuple() + " < " + placeholders());
    }
    if (since) {
      if (updatedAt == null) {
        throw new IllegalStateException("an incremental read needs source.updatedAt");
      }
      conditions.add(updatedAt + " >= ?");
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  private String orderBy() {
    return String.join(", ", collated());
  }

  private String keyTuple() {
    return "(" + String.join(", ", collated()) + ")";
  }

  private String placeholders() {
    return "(" + String.join(", ", Collections.nCopies(keyColumns.size(), "?")) + ")";
  }

  // Text keys compare by code point (COLLATE "C") so that PostgreSQL, RecordKey and MongoDB agree;
  // under a locale collation "B" < "a" would not hold and the merge-join would miss rows.
  private List<String> collated() {
    var list = new ArrayList<String>();
    for (int i = 0; i < keyColumns.size(); i++) {
      list.add(keyColumns.get(i) + (keyTypes.get(i) == KeyType.TEXT ? " collate \"C\"" : ""));
    }
    return list;
  }
}
