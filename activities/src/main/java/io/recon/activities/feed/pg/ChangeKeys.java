package io.recon.activities.feed.pg;

import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Turns row changes into the job keys they touch. A change to the source table of a {@code table}
 * source names its key directly (the old key and the new one, so a key change marks both and a
 * delete marks the old); a change to a {@code feed.tables} table queues its rows' {@code :column}
 * values (old and new row) for that table's {@link KeyLookup}, run in batches.
 */
final class ChangeKeys {
  private final Map<Integer, CaptureSetup.Table> tables = new HashMap<>();
  private final Map<Integer, KeyLookup> lookups = new HashMap<>();
  private final Map<Integer, PgMessage.Relation> relations = new HashMap<>();
  private final List<String> keyColumns;
  private final List<KeyType> keyTypes;
  private final DataSource source;

  ChangeKeys(
      CaptureSetup setup, List<String> keyColumns, List<KeyType> keyTypes, DataSource source) {
    this.keyColumns = List.copyOf(keyColumns);
    this.keyTypes = List.copyOf(keyTypes);
    this.source = source;
    for (CaptureSetup.Table t : setup.tables()) {
      tables.put(t.oid(), t);
      if (t.lookup() != null) {
        lookups.put(t.oid(), new KeyLookup(t, keyColumns, keyTypes));
      }
    }
  }

  void relation(PgMessage.Relation r) {
    relations.put(r.oid(), r);
  }

  /** Whether the relation is one the job captures. */
  boolean captures(int relation) {
    return tables.containsKey(relation);
  }

  /** The bindings queued and not yet looked up. */
  int pending() {
    int n = 0;
    for (KeyLookup l : lookups.values()) {
      n += l.pending();
    }
    return n;
  }

  /**
   * Hands the keys a row change touches to {@code out}, or queues its bindings; returns false if
   * the relation is not captured.
   */
  boolean change(int relation, Tuple oldRow, Tuple newRow, Consumer<RecordKey> out) {
    CaptureSetup.Table table = tables.get(relation);
    PgMessage.Relation shape = relations.get(relation);
    if (table == null || shape == null) {
      return false;
    }
    KeyLookup lookup = lookups.get(relation);
    List<String> columns = lookup == null ? keyColumns : lookup.params();
    for (Tuple row : new Tuple[] {oldRow, newRow}) {
      if (row == null) {
        continue;
      }
      List<String> values = values(shape, columns, row, row == newRow ? oldRow : null);
      if (values == null) {
        continue;
      }
      if (lookup != null) {
        lookup.add(values);
      } else {
        RecordKey key = key(values);
        if (key != null) {
          out.accept(key);
        }
      }
    }
    return true;
  }

  /** Runs every queued lookup. */
  void resolve(Consumer<RecordKey> out) throws SQLException {
    for (KeyLookup l : lookups.values()) {
      l.resolve(source, out);
    }
  }

  /**
   * The row's text values of {@code columns}; a value an update left out (unchanged TOAST) is taken
   * from the old row when it was sent. Null if a value is unknown, or a key part is NULL.
   */
  private List<String> values(
      PgMessage.Relation shape, List<String> columns, Tuple row, Tuple fallback) {
    var out = new ArrayList<String>(columns.size());
    for (String column : columns) {
      int i = shape.indexOf(column);
      if (i < 0 || i >= row.size()) {
        return null;
      }
      String v = row.text(i);
      if (row.isUnchanged(i)) {
        if (fallback == null || fallback.isUnchanged(i)) {
          return null;
        }
        v = fallback.text(i);
      }
      out.add(v);
    }
    return out;
  }

  private RecordKey key(List<String> texts) {
    var parts = new Object[texts.size()];
    for (int i = 0; i < parts.length; i++) {
      String t = texts.get(i);
      if (t == null) {
        // A NULL key part matches no record by key: the full cycle reports it as INVALID_KEY.
        return null;
      }
      try {
        parts[i] =
            switch (keyTypes.get(i)) {
              case INTEGER -> Long.parseLong(t);
              case UUID -> UUID.fromString(t);
              case TEXT, RAW -> t;
            };
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return RecordKey.of(parts);
  }
}
