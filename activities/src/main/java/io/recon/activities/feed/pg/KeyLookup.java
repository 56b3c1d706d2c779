package io.recon.activities.feed.pg;

import io.recon.activities.source.ReadOnlySource;
import io.recon.activities.source.SqlNames;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FeedKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Maps the changed rows of one captured table to job keys with its {@code keys} query, many rows
 * per statement: the rows' parameter values travel as a {@code VALUES} list, each cast to its
 * column's type, and the query runs once per chunk as a {@code LATERAL} subquery over them. Reads
 * go through {@link ReadOnlySource}, so the query, checked as one SELECT at load, cannot write
 * either.
 */
final class KeyLookup {
  /** Bindings per statement: bounded memory and far under PostgreSQL's 65,535 parameters. */
  static final int CHUNK = 500;

  private final CaptureSetup.Table table;
  private final List<String> params;
  private final List<KeyType> keyTypes;
  private final String head;
  private final String tail;
  private final Set<List<String>> pending = new LinkedHashSet<>();

  KeyLookup(CaptureSetup.Table table, List<String> keyColumns, List<KeyType> keyTypes) {
    this.table = table;
    this.params = FeedKeys.names(table.lookup().keys());
    this.keyTypes = List.copyOf(keyTypes);
    var selected = keyColumns.stream().map(k -> "k." + SqlNames.quote(k)).toList();
    var aliases = params.stream().map(SqlNames::quote).toList();
    String query =
        FeedKeys.render(strip(table.lookup().keys()), p -> "recon_change." + SqlNames.quote(p));
    this.head = "select distinct " + String.join(", ", selected) + " from (values ";
    this.tail =
        ") as recon_change("
            + String.join(", ", aliases)
            + ") cross join lateral ("
            + query
            + "\n) k";
  }

  /** The query without trailing semicolons. */
  static String strip(String sql) {
    String q = sql.strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).strip();
    }
    return q;
  }

  List<String> params() {
    return params;
  }

  /** Queues one row version's parameter values (text, null for NULL); repeats are dropped. */
  void add(List<String> values) {
    pending.add(values);
  }

  int pending() {
    return pending.size();
  }

  /**
   * Runs the queued bindings and hands each key found to {@code out}; a key that cannot be a key of
   * the job's types is left to the full cycle, which reports it as INVALID_KEY.
   */
  void resolve(DataSource source, Consumer<RecordKey> out) throws SQLException {
    if (pending.isEmpty()) {
      return;
    }
    List<List<String>> all = new ArrayList<>(pending);
    pending.clear();
    try (Connection c = ReadOnlySource.open(source)) {
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<List<String>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        try (PreparedStatement ps = c.prepareStatement(sql(chunk.size()))) {
          int i = 1;
          for (List<String> binding : chunk) {
            for (String v : binding) {
              ps.setString(i++, v);
            }
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              var values = new ArrayList<>(keyTypes.size());
              for (int k = 1; k <= keyTypes.size(); k++) {
                values.add(rs.getObject(k));
              }
              try {
                out.accept(RecordKey.fromJdbc(keyTypes, values));
              } catch (InvalidKeyException e) {
                // Not a key of the job's types (a NULL, say): the full cycle reports it.
              }
            }
          }
        }
      }
      c.commit();
    }
  }

  private String sql(int rows) {
    var casts = new ArrayList<String>();
    for (String p : params) {
      casts.add("cast(? as " + table.columns().get(p) + ")");
    }
    String row = "(" + String.join(", ", casts) + ")";
    return head + String.join(", ", Collections.nCopies(rows, row)) + tail;
  }
}
