package io.recon.core.spec;

import java.util.List;

/**
 * The authoritative PostgreSQL side: exactly one of {@code table} and {@code query}.
 *
 * @param table a table or view, optionally schema-qualified; null when {@code query} is set
 * @param query any SELECT; null when {@code table} is set
 * @param key the key columns, in the same order as {@link TargetSpec#key()}
 * @param updatedAt an optional column of last change, which enables incremental cycles
 */
public record SourceSpec(String table, String query, List<String> key, String updatedAt) {
  public SourceSpec {
    Require.check(
        (table == null || table.isBlank()) != (query == null || query.isBlank()),
        "source",
        "must set exactly one of table and query");
    key = Require.nonEmpty(key, "source.key");
    key.forEach(k -> Require.nonBlank(k, "source.key[]"));
    if (updatedAt != null) {
      Require.nonBlank(updatedAt, "source.updatedAt");
    }
  }

  /** What to select from: the table name, or the query as a parenthesized subquery. */
  public String relation() {
    return table != null && !table.isBlank() ? table : "(" + query + ") src";
  }
}
