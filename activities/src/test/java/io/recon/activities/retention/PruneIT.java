package io.recon.activities.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.recon.activities.audit.AuditCheckpoint;
import io.recon.activities.audit.AuditCheckpoints;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.audit.AuditReport;
import io.recon.activities.audit.AuditVerifier;
import io.recon.activities.repair.RetentionPruned;
import io.recon.activities.repair.RollbackResult;
import io.recon.activities.repair.RollbackService;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.Retention;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code recon prune} against the embedded PostgreSQL: a store with old and young, settled and open
 * records, pruned under discrepancies 90d, beforeImages 30d, audit 365d at a fixed now.
 */
class PruneIT {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Retention WINDOWS =
      new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(365));

  private String url;
  private PGSimpleDataSource ds;
  private DSLContext db;
  private MongoClient mongo;

  @BeforeEach
  void storeWithOldAndYoungRecords() {
    mongo = MongoClients.create(SharedEngines.mongo().uri());
    url = SharedEngines.newPostgresDatabase();
    ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("postgres");
    StoreMigrator.migrate(ds);
    db = DSL.using(ds, SQLDialect.POSTGRES);
    cycle("c-old", "COMPLETED");
    cycle("c-run", "RUNNING");
    cycle("c-gone", "COMPLETED");
    discrepancy(1, "c-old", "REPAIRED", 200);
    repair(1, 1, "c-old", "APPLIED", 200);
    discrepancy(2, "c-old", "PENDING_APPROVAL", 200);
    discrepancy(3, "c-old", "TRANSIENT", 10);
    repair(3, 3, "c-old", "APPLIED", 40);
    discrepancy(4, "c-old", "REPORTED", 100);
    discrepancy(5, "c-run", "REPAIRED", 200);
    discrepancy(6, "c-gone", "REPAIRED", 120);
    repair(6, 6, "c-gone", "APPLIED", 120);
    appendAudit(10, NOW.minus(Duration.ofDays(800)));
    appendAudit(5, NOW.minus(Duration.ofDays(10)));
  }

  @AfterEach
  void closeMongo() {
    mongo.close();
  }

  private Pruner pruner() {
    return new Pruner(ds, Clock.fixed(NOW, ZoneOffset.UTC), WINDOWS);
  }

  private PruneReport prune(boolean dryRun, int batchSize, int maxBatches) {
    return pruner().prune(new PruneRequest(null, dryRun, "ops", batchSize, maxBatches));
  }

  @Test
  void dryRunCountsWhatWouldGoAndChangesNothing() {
    long auditBefore = count("recon.audit_event");
    PruneReport report = prune(true, 1000, 0);
    PruneReport.SpecPrune jobs = report.specs().get(0);
    assertEquals("jobs", jobs.spec());
    assertEquals(3, jobs.discrepancies(), "d1, d4 and d6: settled, closed cycle, older than 90d");
    assertEquals(2, jobs.repairs());
    assertEquals(3, jobs.beforeImages(), "r1, r3 and r6 applied more than 30 days ago");
    assertEquals(10, jobs.auditRows());
    assertEquals(0, report.batches());
    assertEquals(6, count("recon.discrepancy"));
    assertEquals(3, count("recon.repair where before_image is not null"));
    assertEquals(auditBefore, count("recon.audit_event"));
    assertEquals(0, count("recon.audit_checkpoint"));
  }

  @Test
  void pruneRemovesExactlyWhatIsPastRetentionInBatchesAndAuditStillVerifies() {
    PruneReport report = prune(false, 2, 0);
    assertTrue(report.complete());
    PruneReport.SpecPrune jobs = report.specs().get(0);
    assertEquals(3, jobs.discrepancies());
    assertEquals(10, jobs.auditRows());
    assertEquals(5, jobs.checkpoint(), "ten audit rows in batches of two: five checkpoints");
    assertEquals(
        List.of(2L, 3L, 5L),
        db.fetch("select id from recon.discrepancy order by id").getValues(0, Long.class),
        "held, young and running-cycle discrepancies stay");
    assertEquals(List.of(3L), db.fetch("select id from recon.repair").getValues(0, Long.class));
    assertEquals(
        "beforeImages 30d",
        db.fetchValue("select images_pruned_rule from recon.repair where id = 3"));
    assertNull(db.fetchValue("select before_image from recon.repair where id = 3"));
    assertEquals(
        "discrepancies 90d",
        db.fetchValue(
            "select discrepancies_pruned_rule from recon.cycle where cycle_id = 'c-old'"));
    assertEquals(0, count("recon.audit_event where seq <= 10"));
    AuditReport verified = new AuditVerifier(db).verify(Optional.of("jobs"));
    assertTrue(verified.intact(), verified.toString());
    AuditReport.VerifiedFrom from = verified.chains().get(0).from();
    assertEquals(5, from.checkpoint());
    assertEquals(11, from.firstKeptSeq());
    assertEquals(10, from.prunedRows());
    assertEquals(NOW.minus(Duration.ofDays(800)), from.prunedBefore());
    assertTrue(
        count("recon.audit_event where action = 'retention.pruned'") >= 5 + 2 + 2,
        "every batch records itself");
    PruneReport again = prune(false, 2, 0);
    assertEquals(0, again.batches(), "a second run finds nothing due");
  }

  @Test
  void aKilledPruneResumesWhereItStoppedAndEndsLikeOneRun() {
    PruneReport first = prune(false, 2, 3);
    assertFalse(first.complete(), "three batches cannot hold it all");
    assertEquals(3, first.batches());
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());
    PruneReport rest = prune(false, 2, 0);
    assertTrue(rest.complete());
    assertEquals(
        List.of(2L, 3L, 5L),
        db.fetch("select id from recon.discrepancy order by id").getValues(0, Long.class));
    assertEquals(0, count("recon.audit_event where seq <= 10"));
    AuditReport verified = new AuditVerifier(db).verify(Optional.empty());
    assertTrue(verified.intact(), verified.toString());
  }

  @Test
  void verifyDetectsATamperedKeptRowOrCheckpoint() throws SQLException {
    prune(false, 4, 0);
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());

    tamper("update recon.audit_checkpoint set row_count = 2, last_seq = 6 where checkpoint_no = 2");
    AuditReport.BrokenLink changed = broken();
    assertEquals("CHECKPOINT", changed.kind());
    tamper("update recon.audit_checkpoint set row_count = 4, last_seq = 8 where checkpoint_no = 2");
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());

    // A checkpoint rewritten with a consistent hash is still caught: its event named the old one.
    String original =
        db.fetchValue("select rule from recon.audit_checkpoint where checkpoint_no = 3").toString();
    AuditCheckpoint c3 = AuditCheckpoints.of(db, "jobs").get(2);
    AuditCheckpoint forged =
        new AuditCheckpoint(
                c3.chain(),
                c3.number(),
                c3.firstSeq(),
                c3.lastSeq(),
                c3.firstAt(),
                c3.lastAt(),
                c3.rowCount(),
                c3.segmentHash(),
                "audit 1d",
                c3.createdBy(),
                c3.createdAt(),
                c3.prevHash(),
                null)
            .sealed();
    tamper(
        "update recon.audit_checkpoint set rule = 'audit 1d', hash = '"
            + forged.hash()
            + "' where checkpoint_no = 3");
    AuditReport.BrokenLink rehashed = broken();
    assertEquals("CHECKPOINT", rehashed.kind(), rehashed.toString());
    tamper(
        "update recon.audit_checkpoint set rule = '"
            + original
            + "', hash = '"
            + c3.hash()
            + "' where checkpoint_no = 3");
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());

    tamper("update recon.audit_event set reason = 'edited' where chain = 'jobs' and seq = 12");
    AuditReport.BrokenLink row = broken();
    assertEquals("CHANGED", row.kind());
    assertEquals(12, row.seq());
  }

  @Test
  void deletingAnUnsealedAuditRowIsStillRefused() {
    prune(false, 1000, 0);
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection c = DriverManager.getConnection(url, "postgres", "");
                  Statement s = c.createStatement()) {
                s.execute("delete from recon.audit_event where chain = 'jobs' and seq = 11");
              }
            });
    assertTrue(e.getMessage().contains("append-only"), e.getMessage());
  }

  @Test
  void rollbackOfAPrunedBeforeImageSaysWhyAndAPrunedCycleToo() {
    prune(false, 1000, 0);
    RollbackService rollback = new RollbackService(ds, mongo, null);
    RollbackResult result = rollback.rollback("c-old", List.of(), "ops");
    assertEquals(1, result.pruned());
    assertEquals(0, result.rolledBack());
    RollbackResult.Outcome o = result.outcomes().get(0);
    assertEquals("PRUNED", o.status());
    assertEquals(
        "before-image pruned on 2026-12-01 by retention (beforeImages 30d);"
            + " rollback can no longer run",
        o.reason());
    RetentionPruned gone =
        assertThrows(RetentionPruned.class, () -> rollback.rollback("c-gone", List.of(), "ops"));
    assertEquals(
        "repairs of cycle c-gone pruned on 2026-12-01 by retention (discrepancies 90d);"
            + " rollback can no longer run",
        gone.getMessage());
    assertEquals(
        1, count("recon.audit_event where action = 'rollback.skipped' and reason like '%pruned%'"));
  }

  @Test
  void aSpecsOwnRetentionOverridesTheGlobalOne() {
    db.execute(
        "insert into recon.spec_version values ('jobs', 1, 'h', ?, 'it', now())",
        "name: jobs\nowner: o\n"
            + "source: {table: t, key: [id]}\n"
            + "target: {database: d, collection: c, key: [_id]}\n"
            + "fields:\n  - {source: a, target: a, type: string}\n"
            + "retention: {discrepancies: 150d, audit: 3y}\n");
    PruneReport.SpecPrune jobs = prune(true, 1000, 0).specs().get(0);
    assertEquals("150d", jobs.discrepanciesWindow());
    assertEquals("30d", jobs.beforeImagesWindow(), "from the global windows");
    assertEquals("3y", jobs.auditWindow());
    assertEquals(1, jobs.discrepancies(), "only d1 is older than 150 days");
    assertEquals(0, jobs.auditRows(), "800 days is within three years");
  }

  private AuditReport.BrokenLink broken() {
    AuditReport report = new AuditVerifier(db).verify(Optional.of("jobs"));
    assertFalse(report.intact(), report.toString());
    AuditReport.BrokenLink link = report.chains().get(0).broken();
    assertNotNull(link);
    return link;
  }

  /** Tampers as a superuser would: with the append-only triggers off. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("alter table recon.audit_event disable trigger user");
      s.execute("alter table recon.audit_checkpoint disable trigger user");
      s.execute(sql);
      s.execute("alter table recon.audit_event enable trigger user");
      s.execute("alter table recon.audit_checkpoint enable trigger user");
    }
  }

  private long count(String from) {
    return db.fetchOne("select count(*) from " + from).get(0, Long.class);
  }

  private void cycle(String id, String status) {
    db.execute(
        "insert into recon.cycle (cycle_id, spec_name, spec_hash, mode, initiator, status,"
            + " started_at, updated_at) values (?, 'jobs', 'h', 'FULL', 'it', ?, ?::timestamptz,"
            + " ?::timestamptz)",
        id,
        status,
        at(300),
        at(300));
  }

  private void discrepancy(long id, String cycle, String status, int daysAgo) {
    db.execute(
        "insert into recon.discrepancy (id, cycle_id, spec_name, spec_hash, range_index, key_hash,"
            + " key_text, key_json, kind, severity, status, fields, first_seen_at, last_seen_at,"
            + " updated_at) values (?, ?, 'jobs', 'h', 0, ?, ?, '[1]', 'MISMATCH', 'LOW', ?, '[]',"
            + " ?::timestamptz, ?::timestamptz, ?::timestamptz)",
        id,
        cycle,
        "k" + id,
        "k" + id,
        status,
        at(daysAgo),
        at(daysAgo),
        at(daysAgo));
  }

  private void repair(long id, long discrepancy, String cycle, String status, int daysAgo) {
    db.execute(
        "insert into recon.repair (id, idempotency_key, discrepancy_id, cycle_id, spec_name,"
            + " action, status, before_image, after_image, applied_at, created_at, updated_at,"
            + " target_ns, key_filter) values (?, ?, ?, ?, 'jobs', 'UPDATE', ?, '{\"a\":1}',"
            + " '{\"$set\":{\"a\":2}}', ?::timestamptz, ?::timestamptz, ?::timestamptz, 'd.c',"
            + " '{\"_id\":1}')",
        id,
        "idem" + id,
        discrepancy,
        cycle,
        status,
        at(daysAgo),
        at(daysAgo),
        at(daysAgo));
  }

  private void appendAudit(int n, Instant at) {
    AuditLog log = new AuditLog(Clock.fixed(at, ZoneOffset.UTC));
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(
          new AuditEvent("c-old", "worker", AuditAction.RANGE_COMPARED, "range " + i, null, null));
    }
    db.transaction(tx -> log.append(tx.dsl(), "jobs", events));
  }

  /** As text: plain-SQL binds send it as varchar, cast in the statement. */
  private static String at(int daysAgo) {
    return NOW.minus(Duration.ofDays(daysAgo)).toString();
  }
}
