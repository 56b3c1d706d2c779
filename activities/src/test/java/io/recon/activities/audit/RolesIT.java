package io.recon.activities.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The shipped least-privilege roles, applied as a DBA would, do what they promise. */
class RolesIT {

  private static void as(String url, String user, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "pw");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void storeWriterAppendsToTheAuditButCannotChangeItAndTheReaderOnlyReads() throws Exception {
    String url = SharedEngines.newPostgresDatabase();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    StoreMigrator.migrate(ds);
    String roles;
    try (InputStream in = RolesIT.class.getResourceAsStream("/db/roles/roles.sql")) {
      roles = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(roles);
      s.execute("create user it_writer login password 'pw' in role recon_store_writer");
      s.execute("create user it_auditor login password 'pw' in role recon_audit_reader");
      s.execute("create user it_pruner login password 'pw' in role recon_pruner");
      s.execute("create table public.customers (id int primary key)");
      s.execute("create user it_reader login password 'pw' in role recon_source_reader");
    }
    String insert =
        "insert into recon.audit_event (chain, seq, occurred_at, actor, action, prev_hash, hash)"
            + " values ('c', 1, now(), 'a', 'x', 'p', 'h')";
    as(url, "it_writer", insert, "select count(*) from recon.audit_event");
    as(
        url,
        "it_writer",
        "insert into recon.schedule values ('s', 'c', '{}', '* * * * *',"
            + " 'CRON_WORKFLOW', 'w', 'it', now())",
        "delete from recon.schedule");
    SQLException update =
        assertThrows(
            SQLException.class,
            () -> as(url, "it_writer", "update recon.audit_event set reason = 'x'"));
    assertEquals("42501", update.getSQLState(), update.getMessage());
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class, () -> as(url, "it_writer", "delete from recon.audit_event"))
            .getSQLState());
    as(url, "it_auditor", "select count(*) from recon.audit_event");
    assertEquals(
        "42501",
        assertThrows(SQLException.class, () -> as(url, "it_auditor", insert)).getSQLState());
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () -> as(url, "it_writer", "delete from recon.discrepancy where id = 0"))
            .getSQLState(),
        "the writer may not prune");
    String checkpoint =
        "insert into recon.audit_checkpoint values ('c', 1, 1, 1, now(), now(), 1, 'h',"
            + " 'audit 1d', 'it', now(), 'p', 'h2')";
    assertEquals(
        "42501",
        assertThrows(SQLException.class, () -> as(url, "it_writer", checkpoint)).getSQLState());
    // The pruner may delete an audit row only once a checkpoint covers it, and change none.
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class, () -> as(url, "it_pruner", "delete from recon.audit_event"))
            .getSQLState());
    as(
        url,
        "it_pruner",
        checkpoint,
        "delete from recon.audit_event where chain = 'c' and seq = 1",
        "delete from recon.discrepancy where id = 0");
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () -> as(url, "it_pruner", "update recon.audit_event set reason = 'x'"))
            .getSQLState());
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () -> as(url, "it_pruner", "delete from recon.audit_checkpoint"))
            .getSQLState());
    as(url, "it_auditor", "select count(*) from recon.audit_checkpoint");
    as(url, "it_reader", "select count(*) from public.customers");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter role recon_source_replicator password 'pw'");
    }
    // The replicator reads, opens a logical replication connection and manages a slot on it.
    as(url, "recon_source_replicator", "select count(*) from public.customers");
    java.util.Properties replication = new java.util.Properties();
    org.postgresql.PGProperty.USER.set(replication, "recon_source_replicator");
    org.postgresql.PGProperty.PASSWORD.set(replication, "pw");
    org.postgresql.PGProperty.REPLICATION.set(replication, "database");
    org.postgresql.PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "10");
    org.postgresql.PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
    try (Connection c = DriverManager.getConnection(url, replication)) {
      var api = c.unwrap(org.postgresql.PGConnection.class).getReplicationAPI();
      api.createReplicationSlot()
          .logical()
          .withSlotName("roles_it_slot")
          .withOutputPlugin("pgoutput")
          .make();
      api.dropReplicationSlot("roles_it_slot");
    }
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () -> as(url, "recon_source_replicator", "insert into public.customers values (2)"))
            .getSQLState());
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () ->
                    as(
                        url,
                        "recon_source_replicator",
                        "create publication roles_it_pub for table public.customers"))
            .getSQLState());
    assertEquals(
        "42501",
        assertThrows(
                SQLException.class,
                () -> as(url, "it_reader", "insert into public.customers values (1)"))
            .getSQLState());
  }
}
