package io.recon.activities.source;

import io.recon.activities.support.Failures;
import io.recon.core.compare.KeyType;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.SourceTypes;
import io.recon.core.spec.YamlNames;
import io.recon.workflows.cycle.Incremental;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.failure.FailureType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Checks a spec against the source before anything is compared: the relation runs, and every column
 * the spec names exists. A misspelt column must fail the cycle with its name, never turn every row
 * into a divergence. It also reads the key columns' types.
 */
public final class SourceProbe {
  private static final Set<String> INTEGER_TYPES =
      Set.of("int2", "int4", "int8", "smallserial", "serial", "bigserial");
  private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char");

  private SourceProbe() {}

  /**
   * The key parts' types, once every column the spec names exists and has a type its field's spec
   * type can compare ({@link SourceTypes}).
   *
   * @throws io.temporal.failure.ApplicationFailure BAD_QUERY, MISSING_COLUMN, SCHEMA_DRIFT,
   *     INVALID_KEY or UNAUTHORIZED (non-retryable); a connection failure is rethrown to be retried
   */
  public static List<KeyType> keyTypes(DataSource source, JobSpec spec, boolean incremental) {
    Map<String, String> columns = columns(source, spec.source());
    SourceSpec s = spec.source();
    for (int i = 0; i < s.key().size(); i++) {
      require(columns, s, s.key().get(i), "source.key[" + i + "]");
    }
    for (int i = 0; i < spec.fields().size(); i++) {
      require(columns, s, spec.fields().get(i).source(), "fields[" + i + "].source");
    }
    for (int i = 0; i < spec.fields().size(); i++) {
      FieldSpec f = spec.fields().get(i);
      requireType(s, f, columns.get(f.source()), "fields[" + i + "].source");
    }
    if (s.updatedAt() != null) {
      require(columns, s, s.updatedAt(), "source.updatedAt");
    } else if (incremental) {
      throw Failures.permanent(
          FailureType.UNSUPPORTED_MODE, Incremental.refusal(spec, Mode.INCREMENTAL));
    }
    var types = new ArrayList<KeyType>();
    for (String key : s.key()) {
      String type = columns.get(key);
      if (INTEGER_TYPES.contains(type)) {
        types.add(KeyType.INTEGER);
      } else if (TEXT_TYPES.contains(type)) {
        types.add(KeyType.TEXT);
      } else if ("uuid".equals(type)) {
        types.add(KeyType.UUID);
      } else {
        throw Failures.permanent(
            FailureType.INVALID_KEY,
            "source key column '"
                + key
                + "' of "
                + describe(s)
                + " has type "
                + type
                + "; a key column must be an integer, text or uuid");
      }
    }
    return types;
  }

  /** The relation's columns, name to PostgreSQL type name, in order. */
  public static Map<String, String> columns(DataSource source, SourceSpec spec) {
    String sql;
    try {
      sql = SourceQuery.probe(spec);
    } catch (IllegalArgumentException e) {
      throw Failures.permanent(FailureType.BAD_SPEC, e.getMessage());
    }
    try (Connection c = ReadOnlySource.open(source);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      var columns = new LinkedHashMap<String, String>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.put(md.getColumnLabel(i), md.getColumnTypeName(i).toLowerCase(Locale.ROOT));
      }
      c.commit();
      return columns;
    } catch (SQLException e) {
      throw Failures.classify("the source " + describe(spec) + " does not run", e);
    }
  }

  /**
   * A warning for each key column that PostgreSQL says may hold NULL (or cannot tell, as for a
   * computed column of a query): a row with a NULL key matches nothing and is reported as an
   * INVALID_KEY discrepancy every cycle, so the column should be NOT NULL.
   */
  public static List<String> nullableKeys(DataSource source, SourceSpec spec) {
    String sql;
    try {
      sql = SourceQuery.probe(spec);
    } catch (IllegalArgumentException e) {
      throw Failures.permanent(FailureType.BAD_SPEC, e.getMessage());
    }
    try (Connection c = source.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      var warnings = new ArrayList<String>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        String column = md.getColumnLabel(i);
        int nullable = md.isNullable(i);
        if (!spec.key().contains(column) || nullable == ResultSetMetaData.columnNoNulls) {
          continue;
        }
        warnings.add(
            "source key column '"
                + column
                + "' of "
                + describe(spec)
                + (nullable == ResultSetMetaData.columnNullable
                    ? " is nullable"
                    : " may hold NULL (PostgreSQL cannot tell for this query)")
                + ": a row with a NULL key matches nothing and is reported as INVALID_KEY;"
                + " declare the column NOT NULL");
      }
      return warnings;
    } catch (SQLException e) {
      throw Failures.classify("the source " + describe(spec) + " does not run", e);
    }
  }

  private static void require(
      Map<String, String> columns, SourceSpec spec, String column, String specKey) {
    if (!columns.containsKey(column)) {
      throw Failures.permanent(
          FailureType.MISSING_COLUMN,
          "source column '"
              + column
              + "' ("
              + specKey
              + ") does not exist in "
              + describe(spec)
              + "; columns are: "
              + String.join(", ", columns.keySet()));
    }
  }

  /**
   * Fails SCHEMA_DRIFT when the column's live type is not one {@code f}'s spec type can compare:
   * comparing anyway would flag every row and a repair would rewrite the whole target.
   */
  private static void requireType(SourceSpec spec, FieldSpec f, String liveType, String specKey) {
    if (SourceTypes.accepts(f.type(), liveType)) {
      return;
    }
    String declared = YamlNames.of(f.type());
    throw Failures.permanent(
        FailureType.SCHEMA_DRIFT,
        "source column '"
            + f.source()
            + "' ("
            + specKey
            + ") of "
            + describe(spec)
            + " has type "
            + liveType
            + " but the spec declares type "
            + declared
            + ", which compares only "
            + SourceTypes.describe(f.type())
            + "; fix the spec's type or the column before comparing");
  }

  /** The table's name, or "the source query". */
  public static String describe(SourceSpec spec) {
    return spec.table() != null && !spec.table().isBlank() ? spec.table() : "the source query";
  }
}
