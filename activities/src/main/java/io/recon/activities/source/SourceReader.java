package io.recon.activities.source;

import io.recon.activities.support.Failures;
import io.recon.activities.support.StoreJson;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.RecordCanonicalizer;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.InvalidKeyException;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.failure.FailureType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGResultSetMetaData;

/**
 * Reads source rows as canonical records, a keyset page at a time. Each page runs in its own
 * read-only transaction with autocommit off and a fetch size, so the driver streams through a
 * cursor and no transaction stays open while the other side is read.
 */
public final class SourceReader {
  private final DataSource source;
  private final SourceQuery query;
  private final List<KeyType> keyTypes;
  private final RecordCanonicalizer canonicalizer;
  private final int fieldCount;
  private final List<FieldSpec> fields;

  public SourceReader(DataSource source, JobSpec spec, List<KeyType> keyTypes) {
    this.source = source;
    this.query = new SourceQuery(spec.source(), spec.fields(), keyTypes);
    this.keyTypes = List.copyOf(keyTypes);
    this.canonicalizer = new RecordCanonicalizer(spec);
    this.fieldCount = spec.fields().size();
    this.fields = spec.fields();
  }

  /**
   * Up to {@code limit} records with {@code from <= key < hi} (null = open), changed at or after
   * {@code since} when it is not null, in key order.
   */
  public List<CanonicalRecord> page(RecordKey from, RecordKey hi, Instant since, int limit) {
    String sql = query.page(from != null, hi != null, since != null);
    return run(
        sql,
        limit,
        ps -> {
          int i = 1;
          i = bind(ps, i, from);
          i = bind(ps, i, hi);
          if (since != null) {
            ps.setObject(i++, since.atOffset(ZoneOffset.UTC));
          }
          ps.setInt(i, limit);
        });
  }

  /** The first key above {@code key} and below {@code hi} (null = open), or null if none. */
  public RecordKey keyAfter(RecordKey key, RecordKey hi, Instant since) {
    return scalar(
        query.keyAfter(hi != null, since != null),
        ps -> bindAll(ps, bind(ps, bind(ps, 1, key), hi), since),
        rs -> keyOf(rs));
  }

  /** How many rows hold keys in {@code [lo, hi)} (hi null = open), changed since {@code since}. */
  public long count(RecordKey lo, RecordKey hi, Instant since) {
    return scalar(
        query.countFrom(hi != null, since != null),
        ps -> bindAll(ps, bind(ps, bind(ps, 1, lo), hi), since),
        rs -> rs.getLong(1));
  }

  private static void bindAll(PreparedStatement ps, int i, Instant since) throws SQLException {
    if (since != null) {
      ps.setObject(i, since.atOffset(ZoneOffset.UTC));
    }
  }

  private interface Extractor<T> {
    T get(ResultSet rs) throws SQLException;
  }

  private <T> T scalar(String sql, Binder binder, Extractor<T> extractor) {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        T value = null;
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            value = extractor.get(rs);
          }
        }
        c.commit();
        return value;
      }
    } catch (SQLException e) {
      throw Failures.classify("reading the source", e);
    }
  }

  /**
   * Hands every source key with a NULL part to {@code sink} as an {@code INVALID_KEY} discrepancy,
   * one per distinct key with the count of its rows, in key order; returns the rows they stand for.
   * No other read returns these rows (see {@link SourceQuery#nullKeys}).
   */
  public long nullKeys(List<String> keyColumns, java.util.function.Consumer<Discrepancy> sink) {
    try (Connection c = source.getConnection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      long rows = 0;
      try (PreparedStatement ps = c.prepareStatement(query.nullKeys())) {
        ps.setFetchSize(1_000);
        try (ResultSet rs = ps.executeQuery()) {
          int k = keyTypes.size();
          while (rs.next()) {
            var parts = new ArrayList<String>(k);
            var nulls = new ArrayList<String>();
            for (int i = 0; i < k; i++) {
              Object v = rs.getObject(i + 1);
              // "NULL", not JSON null: a source NULL and a target null must be two store keys.
              parts.add(
                  v == null ? "NULL" : StoreJson.write(v instanceof UUID u ? u.toString() : v));
              if (v == null) {
                nulls.add(keyColumns.get(i));
              }
            }
            long n = rs.getLong(k + 1);
            rows += n;
            String what =
                "NULL in key column" + (nulls.size() == 1 ? " " : "s ") + String.join(", ", nulls);
            sink.accept(Discrepancy.invalidKey(RecordKey.raw(parts), "source", n, what));
          }
        }
      }
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw Failures.classify("reading the source", e);
    }
  }

  /** The records of {@code keys} that exist, in no particular order. */
  public List<CanonicalRecord> byKeys(List<RecordKey> keys) {
    return rowsByKeys(keys).stream().map(Row::record).toList();
  }

  /** A source row: its canonical record and its fields' JDBC values, in spec field order. */
  public record Row(CanonicalRecord record, Object[] values) {}

  /** The rows of {@code keys} that exist, with their values as read: what repair writes. */
  public List<Row> rowsByKeys(List<RecordKey> keys) {
    // A key PostgreSQL text cannot hold (a NUL, a lone surrogate: the target may have them) has
    // no source row. Binding it would fail the whole batch (NUL), or the driver would send '?'
    // in place of the surrogate and match another row.
    List<RecordKey> representable = keys.stream().filter(SourceReader::representable).toList();
    if (representable.isEmpty()) {
      return List.of();
    }
    return rows(
        query.byKeys(representable.size()),
        representable.size(),
        ps -> {
          int i = 1;
          for (RecordKey k : representable) {
            i = bind(ps, i, k);
          }
        });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** What a read keeps of each row: a page keeps the record alone, repair the row's values too. */
  private interface RowMapper<T> {
    T map(CanonicalRecord record, Object[] values);
  }

  private List<CanonicalRecord> run(String sql, int fetchSize, Binder binder) {
    // The records go straight into the page: no Row per record, no second list of the page.
    return rows(sql, fetchSize, binder, false, (record, values) -> record);
  }

  private List<Row> rows(String sql, int fetchSize, Binder binder) {
    return rows(sql, fetchSize, binder, true, Row::new);
  }

  /**
   * @param asRead whether each row's values must be the JDBC values {@link JdbcValues#read} gives
   *     (repair writes them); without it, a value may be read in a cheaper form that canonicalizes
   *     the same
   */
  private <T> List<T> rows(
      String sql, int fetchSize, Binder binder, boolean asRead, RowMapper<T> mapper) {
    try (Connection c = ReadOnlySource.open(source)) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(Math.max(1, Math.min(fetchSize, 5_000)));
        binder.bind(ps);
        var records = new ArrayList<T>(Math.min(fetchSize, 5_001));
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData md = rs.getMetaData();
          String[] types = new String[md.getColumnCount() + 1];
          for (int i = 1; i < types.length; i++) {
            types[i] = md.getColumnTypeName(i).toLowerCase(Locale.ROOT);
          }
          Read[] reads = asRead ? asRead(types.length) : reads(md, types);
          boolean longKey = longKey(types);
          // A page keeps no row's values (its records hold what they need), so one array serves
          // every row; repair keeps each row's values, so it gets an array per row.
          Object[] scratch = asRead ? null : new Object[fieldCount];
          while (rs.next()) {
            records.add(record(rs, types, reads, longKey, mapper, scratch));
          }
        }
        c.commit();
        return records;
      }
    } catch (SQLException e) {
      throw Failures.classify("reading the source", e);
    }
  }

  private RecordKey keyOf(ResultSet rs) throws SQLException {
    int k = keyTypes.size();
    Object[] keyParts = new Object[k];
    for (int i = 0; i < k; i++) {
      keyParts[i] = rs.getObject(i + 1);
    }
    try {
      return RecordKey.fromJdbc(keyTypes, Arrays.asList(keyParts));
    } catch (InvalidKeyException e) {
      throw Failures.permanent(
          FailureType.INVALID_KEY, "source row with key " + Arrays.toString(keyParts) + ": " + e);
    }
  }

  /** How a column of a page is read when its values need not be the JDBC values as read. */
  private enum Read {
    /** By {@link JdbcValues#read}, as repair reads it. */
    AS_READ,
    /** By {@link JdbcValues#binaryTimestamptz}, into an {@code Instant}. */
    BINARY_TIMESTAMPTZ,
    /** By {@link JdbcValues#binaryNumeric}, into the same BigDecimal the driver builds. */
    BINARY_NUMERIC
  }

  /**
   * How each column is read. The cheaper forms apply to columns the driver sends in binary (it does
   * once a statement is prepared on the server, after a few runs on one connection), and only to
   * the fields whose canonical form does not depend on the Java type: a timestamptz into an {@code
   * Instant} for timestamp fields, a numeric for the numeric fields. For any other field type the
   * canonical form of an invalid value names the JDBC type, so those keep {@link JdbcValues#read}.
   */
  private Read[] reads(ResultSetMetaData md, String[] types) throws SQLException {
    Read[] reads = asRead(types.length);
    if (!md.isWrapperFor(PGResultSetMetaData.class)) {
      return reads;
    }
    PGResultSetMetaData pg = md.unwrap(PGResultSetMetaData.class);
    int k = keyTypes.size();
    for (int i = 0; i < fieldCount; i++) {
      int col = k + i + 1;
      if (pg.getFormat(col) != 1) {
        continue;
      }
      FieldType type = fields.get(i).type();
      if (types[col].equals("timestamptz") && type == FieldType.TIMESTAMP) {
        reads[col] = Read.BINARY_TIMESTAMPTZ;
      } else if (types[col].equals("numeric")
          && (type == FieldType.DECIMAL || type == FieldType.INTEGER || type == FieldType.DOUBLE)) {
        reads[col] = Read.BINARY_NUMERIC;
      }
    }
    return reads;
  }

  private static Read[] asRead(int columns) {
    Read[] reads = new Read[columns];
    Arrays.fill(reads, Read.AS_READ);
    return reads;
  }

  /** Whether the key is one integer column the driver reads with {@code getLong} as it is. */
  private boolean longKey(String[] types) {
    return keyTypes.size() == 1
        && keyTypes.get(0) == KeyType.INTEGER
        && (types[1].equals("int8") || types[1].equals("int4") || types[1].equals("int2"));
  }

  private <T> T record(
      ResultSet rs,
      String[] types,
      Read[] reads,
      boolean longKey,
      RowMapper<T> mapper,
      Object[] scratch)
      throws SQLException {
    int k = keyTypes.size();
    RecordKey key = null;
    if (longKey) {
      long part = rs.getLong(1);
      // A NULL (never selected: every read but nullKeys() leaves such rows out) fails in keyOf.
      key = part != 0 || !rs.wasNull() ? RecordKey.ofLong(part) : null;
    }
    if (key == null) {
      key = keyOf(rs);
    }
    Object[] values = scratch != null ? scratch : new Object[fieldCount];
    for (int i = 0; i < fieldCount; i++) {
      int col = k + i + 1;
      values[i] =
          switch (reads[col]) {
            case AS_READ -> JdbcValues.read(rs, col, types[col]);
            case BINARY_TIMESTAMPTZ -> JdbcValues.binaryTimestamptz(rs, col);
            case BINARY_NUMERIC -> JdbcValues.binaryNumeric(rs, col);
          };
    }
    return mapper.map(canonicalizer.source(key, values), values);
  }

  /** Whether every text part of {@code key} could be stored in a PostgreSQL text column. */
  static boolean representable(RecordKey key) {
    for (Object part : key.parts()) {
      if (part instanceof String s) {
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          if (c == 0) {
            return false;
          }
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            i++;
          } else if (Character.isSurrogate(c)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Binds the parts of {@code key} from index {@code i}; returns the next index. */
  static int bind(PreparedStatement ps, int i, RecordKey key) throws SQLException {
    if (key == null) {
      return i;
    }
    for (Object part : key.parts()) {
      if (part instanceof Long l) {
        ps.setLong(i++, l);
      } else if (part instanceof UUID u) {
        ps.setObject(i++, u);
      } else {
        ps.setString(i++, (String) part);
      }
    }
    return i;
  }
}
