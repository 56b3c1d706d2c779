package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.source.ReadOnlySource;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceReader;
import io.recon.activities.source.SourceStats;
import io.recon.activities.support.Connections;
import io.recon.core.compare.KeyType;
import io.recon.core.config.Endpoint;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SourceSpec;
import io.recon.embedded.testing.SharedEngines;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * recon never writes to the source: a hostile {@code source.query} is refused as BAD_SPEC at every
 * entry point, and a write that bypasses that check is stopped by the read-only transaction and
 * session. A canary table proves nothing was touched.
 */
class ReadOnlySourceIT {
  /**
   * Queries that would write if run: a data-modifying CTE, stacked statements, a wrapper escape.
   */
  static final List<String> HOSTILE =
      List.of(
          "with gone as (delete from canary returning id) select c.id, c.email from customers c",
          "select id, email from customers) q; delete from canary; select * from (select 1",
          "select id, email from customers) q; insert into canary values (99); select * from"
              + " (select 1",
          "select id, email from customers) q; commit; truncate canary; select * from (select 1",
          "select c.id, c.email from customers c, lateral (select set_config("
              + "'default_transaction_read_only', 'off', false)) s");

  @Test
  void hostileQueriesFailEveryEntryPointAsBadSpecAndTheCanaryIsUntouched() {
    try (var f = new Fixture(2)) {
      seed(f);
      JobSpec good =
          spec(f, "customers", new SourceSpec("public.customers", null, List.of("id"), null));
      // c1 is planned, so compare reads its range 0; c2 is compared too, so recheck has
      // discrepancies (no document exists) to re-read.
      f.open(good, "c1", Mode.FULL);
      f.plan(good, "c1", Mode.FULL, null);
      JobSpec other = spec(f, "customers-2", good.source());
      f.compareAll(other, "c2", Mode.FULL, null);
      for (int i = 0; i < HOSTILE.size(); i++) {
        String query = HOSTILE.get(i);
        JobSpec bad = spec(f, "hostile-" + i, new SourceSpec(null, query, List.of("id"), null));
        String cycle = "h" + i;
        f.open(bad, cycle, Mode.FULL);
        assertBadSpec(() -> f.plan(bad, cycle, Mode.FULL, null), query);
        assertBadSpec(() -> f.compare.compareRange(f.range(bad, "c1", 0, Mode.FULL, null)), query);
        assertBadSpec(() -> f.compare.recheckRange(f.range(bad, "c2", 0, Mode.FULL, null)), query);
        // What repair, verification and the bench build their reads from.
        var keys = List.of(KeyType.INTEGER);
        assertApplicationBadSpec(() -> SourceProbe.keyTypes(f.source, bad, false), query);
        assertApplicationBadSpec(() -> new SourceReader(f.source, bad, keys), query);
        assertApplicationBadSpec(() -> new SourceStats(f.source, bad, keys), query);
      }
      assertCanaryIntact(f.source);
    }
  }

  @Test
  void readOnlyTransactionsStopWritesThatBypassTheStaticCheck() throws SQLException {
    try (var f = new Fixture(2)) {
      seed(f);
      // The SQL SourceQuery would build around each hostile query, issued without the check.
      // PostgreSQL refuses a data-modifying CTE below the top level itself (0A000); a stacked
      // write meets the read-only transaction (25006).
      for (String query : HOSTILE.subList(0, 3)) {
        String sql = "select * from (" + query + "\n) q limit 0";
        assertRefused(f.source, sql, query.startsWith("with gone") ? "0A000" : "25006");
      }
      assertRefused(f.source, "delete from canary");
      assertRefused(f.source, "with d as (delete from canary returning id) select id from d");
      assertRefused(f.source, "select 1; truncate canary");
      assertCanaryIntact(f.source);
    }
  }

  @Test
  void theSourcePoolIsReadOnlyForEveryBorrowerAndTheSessionDefaultHolds() throws SQLException {
    String url = SharedEngines.newPostgresDatabase();
    var writable = Fixture.dataSource(url);
    exec(writable, "create table canary(id int primary key)", "insert into canary values (1), (2)");
    try (var pool = Connections.readOnlyPostgres(new Endpoint(url, "postgres", null), "t", 1)) {
      // Autocommit, the pool's default: the session itself refuses writes.
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        assertTrue(c.isReadOnly());
        var e = assertThrows(SQLException.class, () -> s.execute("delete from canary"));
        assertEquals("25006", e.getSQLState(), e.getMessage());
      }
      // A stacked COMMIT ends the read-only transaction; the session default still refuses.
      assertRefused(pool, "select 1; commit; truncate canary");
      // A borrower that lifts the session default through a SELECT still runs read-only
      // transactions: every source read begins with BEGIN READ ONLY.
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement()) {
        s.execute("select set_config('default_transaction_read_only', 'off', false)");
      }
      assertRefused(pool, "delete from canary");
    }
    assertCanaryIntact(writable);
  }

  private static void seed(Fixture f) {
    f.sql(
        "create table customers(id bigint primary key, email text)",
        "insert into customers values (1, 'a@x'), (2, 'b@x'), (3, 'c@x')",
        "create table canary(id int primary key)",
        "insert into canary values (1), (2)");
  }

  private static JobSpec spec(Fixture f, String name, SourceSpec source) {
    return f.here(
        Fixture.spec(
            name,
            source,
            List.of("_id"),
            1,
            List.of(FieldSpec.of("email", "email", FieldType.STRING))));
  }

  private static void assertBadSpec(Executable call, String query) {
    var failure = assertThrows(ActivityFailure.class, call, query);
    var cause = (ApplicationFailure) failure.getCause();
    assertEquals(FailureType.BAD_SPEC.name(), cause.getType(), query);
    assertTrue(cause.isNonRetryable(), query);
    assertTrue(cause.getOriginalMessage().startsWith("source.query is refused: "), query);
  }

  private static void assertApplicationBadSpec(Executable call, String query) {
    var failure = assertThrows(ApplicationFailure.class, call, query);
    assertEquals(FailureType.BAD_SPEC.name(), failure.getType(), query);
  }

  private static void assertRefused(DataSource source, String sql) {
    assertRefused(source, sql, "25006");
  }

  private static void assertRefused(DataSource source, String sql, String sqlState) {
    var e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection c = ReadOnlySource.open(source);
                  PreparedStatement ps = c.prepareStatement(sql)) {
                ps.execute();
                c.commit();
              }
            },
            sql);
    assertEquals(sqlState, e.getSQLState(), sql + ": " + e.getMessage());
  }

  private static void assertCanaryIntact(DataSource source) {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("select string_agg(id::text, ',' order by id) from canary")) {
      rs.next();
      assertEquals("1,2", rs.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void exec(DataSource ds, String... statements) {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
