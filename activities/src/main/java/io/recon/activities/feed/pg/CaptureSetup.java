package io.recon.activities.feed.pg;

import io.recon.core.spec.FeedKeys;
import io.recon.core.spec.FeedSpec;
import io.recon.core.spec.FeedTable;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SourceSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job's feed needs from the source, checked in its live catalog with read-only queries:
 * {@code wal_level=logical}; every captured table exists, is a table, is in the publication and has
 * a replica identity that carries the old values recon needs (the key of a deleted row, or the
 * {@code :column}s of its keys query); the publication publishes inserts, updates and deletes; the
 * slot, if it exists, is a {@code pgoutput} slot of this database, and if it does not, a slot is
 * free. Each problem is one line naming the setting and its fix. {@code recon spec check --connect}
 * prints them; {@link PgCapture#open} refuses to start on the first.
 */
public final class CaptureSetup {
  /**
   * One captured table.
   *
   * @param label how the spec names it ({@code source.table X} or {@code feed.tables[i] X})
   * @param columns column name to its SQL type ({@code format_type}), in order
   * @param lookup the keys query mapping its changes to job keys; null when its own key columns are
   *     the job key (a table source)
   */
  record Table(
      String label,
      int oid,
      String name,
      Map<String, String> columns,
      List<String> identity,
      FeedTable lookup) {}

  private final List<Table> tables = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private boolean slotExists;

  private CaptureSetup() {}

  /** Inspects the source through {@code c}, a read-only connection (autocommit off). */
  public static CaptureSetup inspect(Connection c, JobSpec spec) throws SQLException {
    var setup = new CaptureSetup();
    setup.run(c, spec);
    return setup;
  }

  public List<String> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }

  boolean slotExists() {
    return slotExists;
  }

  List<Table> tables() {
    return tables;
  }

  private void run(Connection c, JobSpec spec) throws SQLException {
    FeedSpec feed = spec.feedSettings();
    String walLevel = one(c, "show wal_level");
    if (!"logical".equals(walLevel)) {
      problems.add(
          "the source runs with wal_level="
              + walLevel
              + "; a feed needs wal_level=logical (ALTER SYSTEM SET wal_level = logical, then"
              + " restart PostgreSQL)");
    }
    SourceSpec source = spec.source();
    if (source.query() != null && feed.tables().isEmpty()) {
      problems.add(
          "a query source needs feed.tables: which tables the query reads, and how their changed"
              + " rows map to job keys");
    }
    boolean ownTable =
        source.table() != null
            && feed.tables().stream().noneMatch(t -> t.table().equals(source.table()));
    if (ownTable) {
      table(c, "source.table " + source.table(), source.table(), null, source.key(), true);
    }
    for (int i = 0; i < feed.tables().size(); i++) {
      FeedTable t = feed.tables().get(i);
      List<String> params;
      try {
        params = FeedKeys.names(t.keys());
      } catch (IllegalArgumentException e) {
        problems.add("feed.tables[" + i + "].keys: " + e.getMessage());
        continue;
      }
      table(c, "feed.tables[" + i + "] " + t.table(), t.table(), t, params, false);
    }
    publication(c, feed.publicationName(spec.name()));
    slot(c, feed.slotName(spec.name()));
    for (Table t : tables) {
      if (t.lookup() != null) {
        keysQuery(c, t, spec.source().key());
      }
    }
  }

  private void table(
      Connection c, String label, String name, FeedTable lookup, List<String> needed, boolean own)
      throws SQLException {
    c.rollback();
    Object[] row =
        row(
            c,
            "select c.oid::int, n.nspname || '.' || c.relname, c.relkind::text,"
                + " c.relreplident::text from pg_class c join pg_namespace n on n.oid ="
                + " c.relnamespace where c.oid = to_regclass(?)",
            name);
    if (row == null) {
      problems.add(label + " does not exist in the source");
      return;
    }
    String kind = (String) row[2];
    if (!kind.equals("r") && !kind.equals("p")) {
      problems.add(
          label
              + " is "
              + (kind.equals("v") || kind.equals("m") ? "a view" : "not a table")
              + ", whose changes PostgreSQL cannot stream; "
              + (own
                  ? "list the tables it reads in feed.tables, each with a keys query"
                  : "capture the tables it reads instead"));
      return;
    }
    int oid = (Integer) row[0];
    var columns = new LinkedHashMap<String, String>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select attname, format_type(atttypid, atttypmod) from pg_attribute where attrelid ="
                + " ? and attnum > 0 and not attisdropped order by attnum")) {
      ps.setInt(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    String identity = (String) row[3];
    List<String> identityColumns =
        switch (identity) {
          case "f" -> List.copyOf(columns.keySet());
          case "n" -> List.of();
          default -> indexColumns(c, oid, identity.equals("i") ? "indisreplident" : "indisprimary");
        };
    for (String column : needed) {
      if (!columns.containsKey(column)) {
        problems.add(
            label
                + (own ? " has no key column '" : ": keys binds :")
                + column
                + (own ? "'" : ", which is not a column of the table")
                + "; columns are: "
                + String.join(", ", columns.keySet()));
      } else if (!identityColumns.contains(column)) {
        problems.add(
            label
                + ": a delete (or an update of "
                + column
                + ") would not carry the old value of "
                + column
                + ", as the replica identity "
                + describeIdentity(identity, identityColumns)
                + "; run ALTER TABLE "
                + row[1]
                + " REPLICA IDENTITY FULL (or make "
                + column
                + " part of the primary key)");
      }
    }
    tables.add(new Table(label, oid, (String) row[1], columns, identityColumns, lookup));
  }

  private static String describeIdentity(String identity, List<String> columns) {
    return switch (identity) {
      case "n" -> "is NOTHING";
      case "i" -> "is the index on (" + String.join(", ", columns) + ")";
      default ->
          columns.isEmpty()
              ? "is DEFAULT and the table has no primary key"
              : "is DEFAULT: the primary key (" + String.join(", ", columns) + ")";
    };
  }

  private static List<String> indexColumns(Connection c, int oid, String flag) throws SQLException {
    var out = new ArrayList<String>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and"
                + " a.attnum = any(i.indkey) where i.indrelid = ? and i."
                + flag)) {
      ps.setInt(1, oid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private void publication(Connection c, String name) throws SQLException {
    Object[] pub =
        row(
            c,
            "select pubinsert, pubupdate, pubdelete, pubtruncate from pg_publication where pubname"
                + " = ?",
            name);
    String tableList = String.join(", ", tables.stream().map(Table::name).toList());
    if (pub == null) {
      problems.add(
          "publication "
              + name
              + " does not exist; recon never writes to the source, so a DBA creates it: CREATE"
              + " PUBLICATION "
              + name
              + " FOR TABLE "
              + (tableList.isEmpty() ? "<tables>" : tableList)
              + ";");
      return;
    }
    if (!(Boolean) pub[0] || !(Boolean) pub[1] || !(Boolean) pub[2]) {
      problems.add(
          "publication "
              + name
              + " does not publish every insert, update and delete; ALTER PUBLICATION "
              + name
              + " SET (publish = 'insert, update, delete, truncate');");
    }
    if (!(Boolean) pub[3]) {
      warnings.add(
          "publication "
              + name
              + " does not publish TRUNCATE: rows a TRUNCATE removes are found only by the next"
              + " full cycle");
    }
    for (Table t : tables) {
      String[] parts = t.name().split("\\.", 2);
      if (row(
              c,
              "select 1 from pg_publication_tables where pubname = ? and schemaname = ? and"
                  + " tablename = ?",
              name,
              parts[0],
              parts[1])
          == null) {
        problems.add(
            "publication "
                + name
                + " does not publish "
                + t.name()
                + " ("
                + t.label()
                + "); ALTER PUBLICATION "
                + name
                + " ADD TABLE "
                + t.name()
                + ";");
      }
    }
  }

  private void slot(Connection c, String name) throws SQLException {
    Object[] slot =
        row(
            c,
            "select plugin, slot_type, database = current_database() from pg_replication_slots"
                + " where slot_name = ?",
            name);
    if (slot != null) {
      slotExists = true;
      if (!"pgoutput".equals(slot[0]) || !"logical".equals(slot[1]) || !(Boolean) slot[2]) {
        problems.add(
            "replication slot "
                + name
                + " exists but is not a logical pgoutput slot of this database (plugin "
                + slot[0]
                + "); drop it or set feed.slot to another name");
      }
      return;
    }
    Object[] free =
        row(
            c,
            "select current_setting('max_replication_slots')::int - (select count(*) from"
                + " pg_replication_slots)::int");
    if (free != null && (Integer) free[0] <= 0) {
      problems.add(
          "replication slot "
              + name
              + " does not exist and every slot is taken (max_replication_slots = "
              + one(c, "show max_replication_slots")
              + "); drop an unused slot (see pg_replication_slots) or raise the setting");
    } else {
      warnings.add(
          "replication slot "
              + name
              + " does not exist yet: recon feed start creates it; it then keeps WAL until read,"
              + " and only recon feed stop --drop-slot removes it");
    }
  }

  /** Runs the keys query with every parameter NULL, for its columns only. */
  private void keysQuery(Connection c, Table t, List<String> keyColumns) throws SQLException {
    String sql = "select * from (" + KeyLookup.strip(t.lookup().keys()) + "\n) k limit 0";
    sql = FeedKeys.render(sql, p -> "cast(null as " + t.columns().getOrDefault(p, "text") + ")");
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      var names = new ArrayList<String>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
      }
      for (String key : keyColumns) {
        if (!names.contains(key)) {
          problems.add(
              t.label()
                  + ": keys returns no column '"
                  + key
                  + "' (source.key); it returns "
                  + String.join(", ", names));
        }
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      problems.add(t.label() + ": keys does not run: " + oneLine(e.getMessage()));
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
  }

  private static String one(Connection c, String sql) throws SQLException {
    Object[] r = row(c, sql);
    return r == null ? null : String.valueOf(r[0]);
  }

  private static Object[] row(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Object[] out = new Object[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < out.length; i++) {
          out[i] = rs.getObject(i + 1);
        }
        return out;
      }
    }
  }
}
