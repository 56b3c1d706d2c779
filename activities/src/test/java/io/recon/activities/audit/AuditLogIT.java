package io.recon.activities.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.audit.AuditAction;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class AuditLogIT {
  private String url;
  private DSLContext db;

  @BeforeEach
  void freshStoreWithTenEvents() {
    url = SharedEngines.newPostgresDatabase();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    StoreMigrator.migrate(ds);
    db = DSL.using(ds, SQLDialect.POSTGRES);
    AuditLog log = new AuditLog(Clock.systemUTC());
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      events.add(
          new AuditEvent(
              "c1",
              "worker-1",
              AuditAction.RANGE_COMPARED,
              "range " + i,
              "{\"n\":" + i + "}",
              null));
    }
    db.transaction(tx -> log.append(tx.dsl(), "jobs", events.subList(0, 5)));
    db.transaction(tx -> log.append(tx.dsl(), "jobs", events.subList(5, 10)));
    db.transaction(tx -> log.append(tx.dsl(), "other", events.subList(0, 2)));
  }

  private AuditReport verify() {
    return new AuditVerifier(db).verify(Optional.empty());
  }

  private AuditReport.BrokenLink brokenLinkOfJobs() {
    AuditReport report = verify();
    assertFalse(report.intact());
    return report.chains().stream()
        .filter(c -> c.chain().equals("jobs"))
        .findFirst()
        .orElseThrow()
        .broken();
  }

  /** Tampers as the superuser would: with the append-only triggers switched off. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("alter table recon.audit_event disable trigger user");
      s.execute(sql);
      s.execute("alter table recon.audit_event enable trigger user");
    }
  }

  @Test
  void untouchedChainsVerifyIntact() {
    AuditReport report = verify();
    assertTrue(report.intact(), report.toString());
    assertEquals(2, report.chains().size());
    assertEquals(10, report.chains().get(0).intactRows());
  }

  @Test
  void updateAndDeleteAreRefusedByTheTrigger() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection c = DriverManager.getConnection(url, "postgres", "");
                  Statement s = c.createStatement()) {
                s.execute("update recon.audit_event set reason = 'x' where seq = 1");
              }
            });
    assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    assertThrows(
        SQLException.class,
        () -> {
          try (Connection c = DriverManager.getConnection(url, "postgres", "");
              Statement s = c.createStatement()) {
            s.execute("delete from recon.audit_event");
          }
        });
  }

  @Test
  void changedRowIsDetected() throws SQLException {
    tamper("update recon.audit_event set detail = '{\"n\":99}' where chain = 'jobs' and seq = 4");
    AuditReport.BrokenLink link = brokenLinkOfJobs();
    assertEquals(4, link.seq());
    assertEquals("CHANGED", link.kind());
  }

  @Test
  void deletedRowIsDetected() throws SQLException {
    tamper("delete from recon.audit_event where chain = 'jobs' and seq = 6");
    AuditReport.BrokenLink link = brokenLinkOfJobs();
    assertEquals(7, link.seq());
    assertEquals("DELETED", link.kind());
  }

  @Test
  void insertedRowWithAValidHashOfItsOwnIsDetected() throws SQLException {
    // A forger who knows the hash rule shifts rows 6..10 up and chains a forged row 6 correctly
    // to row 5: the next row's link still points at the original row 6.
    tamper("update recon.audit_event set seq = seq + 100 where chain = 'jobs' and seq >= 6");
    tamper("update recon.audit_event set seq = seq - 99 where chain = 'jobs' and seq >= 106");
    String prev =
        db.fetchValue("select hash from recon.audit_event where chain = 'jobs' and seq = 5")
            .toString();
    java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
    AuditRow forged =
        new AuditRow(
            "jobs", 6, at, "c1", "mallory", "repair.applied", null, null, null, prev, null);
    tamper(
        "insert into recon.audit_event (chain, seq, occurred_at, cycle_id, actor, action, prev_hash, hash)"
            + " values ('jobs', 6, '2026-01-01T00:00:00Z', 'c1', 'mallory', 'repair.applied', '"
            + prev
            + "', '"
            + forged.expectedHash()
            + "')");
    AuditReport.BrokenLink link = brokenLinkOfJobs();
    assertEquals(7, link.seq());
    assertTrue(link.kind().startsWith("INSERTED"), link.kind());
  }

  @Test
  void reorderedRowsAreDetected() throws SQLException {
    tamper("update recon.audit_event set seq = 100 where chain = 'jobs' and seq = 3");
    tamper("update recon.audit_event set seq = 3 where chain = 'jobs' and seq = 4");
    tamper("update recon.audit_event set seq = 4 where chain = 'jobs' and seq = 100");
    AuditReport.BrokenLink link = brokenLinkOfJobs();
    assertEquals(3, link.seq());
  }

  @Test
  void deletedNewestRowsAreDetectedThroughTheCycleAnchor() throws SQLException {
    String hash =
        db.fetchValue("select hash from recon.audit_event where chain = 'jobs' and seq = 10")
            .toString();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(
          "insert into recon.cycle (cycle_id, spec_name, spec_hash, mode, initiator, status,"
              + " started_at, updated_at, audit_seq, audit_hash) values ('c1', 'jobs', 'h', 'FULL',"
              + " 'test', 'COMPLETED', now(), now(), 10, '"
              + hash
              + "')");
    }
    assertTrue(verify().intact());
    tamper("delete from recon.audit_event where chain = 'jobs' and seq >= 9");
    AuditReport.BrokenLink link = brokenLinkOfJobs();
    assertEquals("DELETED", link.kind());
    assertEquals(10, link.seq());
  }

  @Test
  void hashInputIsUnambiguous() {
    java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
    AuditRow a =
        new AuditRow("c", 1, at, null, "ab", "c", null, null, null, AuditRow.GENESIS, null);
    AuditRow b =
        new AuditRow("c", 1, at, null, "a", "bc", null, null, null, AuditRow.GENESIS, null);
    assertFalse(a.expectedHash().equals(b.expectedHash()));
    assertNull(a.hash());
    assertEquals(64, a.expectedHash().getBytes(StandardCharsets.US_ASCII).length);
  }
}
