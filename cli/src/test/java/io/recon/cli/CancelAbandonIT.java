package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.core.config.ReconConfig;
import io.recon.worker.ReconWorker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recon cancel}, and cycles whose workflow is lost closed as ABANDONED by {@code status},
 * {@code run} and a worker at start, with their APPLYING repairs settled against the target.
 */
class CancelAbandonIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CliFixture f;
  @TempDir static Path dir;

  /** A job whose range detects a mismatch and then settles for an hour: it stays COMPARING. */
  private static final String SLOW =
      """
      name: %s
      owner: billing-team
      approvers: [alice]
      source: { table: public.accounts, key: [id] }
      target: { database: ${db}, collection: accounts, key: [_id] }
      fields:
        - { source: email, target: email, type: string, severity: high }
      partitions: 1
      parallelism: 1
      settle: 1h
      repair: { auto: [low], approvalTimeout: 1h }
      """;

  /** The same data without a settle delay: the HIGH mismatch waits for approval. */
  private static final String HELD = SLOW.replace("settle: 1h", "settle: 0s");

  @BeforeAll
  static void seed() {
    f = new CliFixture();
    f.sql(
        "create table accounts (id int primary key, email text)",
        "insert into accounts select g, 'a' || g || '@x.io' from generate_series(1, 20) g");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 20; id++) {
      docs.add(
          new Document("_id", id).append("email", id == 4 ? "wrong@x.io" : "a" + id + "@x.io"));
    }
    f.mongo.getDatabase(f.mongoDb).getCollection("accounts").insertMany(docs);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Path spec(String name, String yaml) {
    return f.write(dir, name + ".yaml", yaml.formatted(name));
  }

  @Test
  void cancelWhileComparingClosesCancelledWithWhoAndWhyAndTheNextRunStartsAtOnce()
      throws Exception {
    Path spec = spec("cancelcmp", SLOW);
    CliFixture.Run run = f.run("run", spec.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    String cycle = run.firstLine();
    awaitPhase(cycle, "COMPARING");

    CliFixture.Run cancel = f.run("cancel", cycle, "--by", "alice", "--reason", "deploy freeze");

    assertEquals(0, cancel.exit(), cancel.out() + cancel.err());
    assertTrue(cancel.out().contains("CANCELLED: cancelled by alice: deploy freeze"), cancel.out());
    assertEquals("CANCELLED|cancelled by alice: deploy freeze", cycleRow(cycle));
    assertEquals(List.of("alice|deploy freeze"), audit(cycle, "cycle.cancelled"));
    CliFixture.Run status = f.run("status", cycle, "--json");
    assertEquals(1, status.exit(), status.out() + status.err());
    assertEquals("CANCELLED", JSON.readTree(status.out()).get("status").asText());

    CliFixture.Run next = f.run("run", spec.toString());
    assertEquals(0, next.exit(), next.out() + next.err());
    assertNotEquals(cycle, next.firstLine());
    // Cancelled once it compares, not while an activity may be completing: see the embedded
    // server's ACTIVITY_UNKNOWN limit in docs/operations.md.
    awaitPhase(next.firstLine(), "COMPARING");
    assertEquals(0, f.run("cancel", next.firstLine(), "--by", "alice").exit());

    CliFixture.Run again = f.run("cancel", cycle, "--by", "alice");
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("is CANCELLED"), again.err());
    assertEquals(0, f.run("audit", "verify", "--spec", "cancelcmp").exit());
  }

  @Test
  void cancelWhileAwaitingApprovalClosesCancelledAndApproveNamesTheRealState() throws Exception {
    Path spec = spec("cancelapr", HELD);
    CliFixture.Run run = f.run("run", spec.toString(), "--wait");
    assertEquals(3, run.exit(), run.out() + run.err());
    String cycle = run.firstLine();
    assertTrue(run.out().contains("AWAITING_APPROVAL"), run.out());

    CliFixture.Run cancel = f.run("cancel", cycle, "--by", "bob");

    assertEquals(0, cancel.exit(), cancel.out() + cancel.err());
    assertEquals("CANCELLED|cancelled by bob", cycleRow(cycle));
    assertEquals(List.of("bob|null"), audit(cycle, "cycle.cancelled"));
    CliFixture.Run approve = f.run("approve", cycle, "--by", "alice");
    assertEquals(2, approve.exit());
    assertTrue(approve.err().contains("is CANCELLED (cancelled by bob)"), approve.err());
    CliFixture.Run next = f.run("run", spec.toString(), "--wait");
    assertEquals(3, next.exit(), next.out() + next.err());
    assertEquals(0, f.run("cancel", next.firstLine(), "--by", "bob").exit());
  }

  @Test
  void statusClosesALostCycleAsAbandonedAndSettlesItsApplyingRepairsAgainstTheTarget()
      throws Exception {
    String cycle = "recon-lostjob-20200101T000000Z";
    insertLostCycle("lostjob", cycle);
    var lost = f.mongo.getDatabase(f.mongoDb).getCollection("lost");
    lost.insertOne(new Document("_id", 1).append("plan", "pro")); // the update landed
    // _id 2: the insert never landed; _id 3: the delete landed (nothing there).
    long updated = repair(cycle, "UPDATE", 1, "{\"$set\": {\"plan\": \"pro\"}}");
    long inserted = repair(cycle, "INSERT", 2, "{\"_id\": 2, \"plan\": \"free\"}");
    long deleted = repair(cycle, "DELETE", 3, null);
    lost.insertOne(new Document("_id", 5).append("plan", "free")); // this update never landed
    long notUpdated = repair(cycle, "UPDATE", 5, "{\"$set\": {\"plan\": \"pro\"}}");

    CliFixture.Run status = f.run("status", cycle, "--json");

    assertEquals(1, status.exit(), status.out() + status.err());
    JsonNode s = JSON.readTree(status.out());
    assertEquals("ABANDONED", s.get("status").asText());
    assertTrue(s.get("message").asText().contains("Temporal knows no workflow"), status.out());
    assertTrue(audit(cycle, "cycle.abandoned").get(0).startsWith("recon@"));
    assertEquals("APPLIED|REPAIRED", repairRow(updated));
    assertEquals("FAILED|FAILED", repairRow(inserted));
    assertEquals("APPLIED|REPAIRED", repairRow(deleted));
    assertEquals("FAILED|FAILED", repairRow(notUpdated));
    assertEquals(2, audit(cycle, "repair.applied").size());
    assertEquals(2, audit(cycle, "repair.failed").size());

    CliFixture.Run approve = f.run("approve", cycle, "--by", "alice");
    assertEquals(2, approve.exit());
    assertTrue(approve.err().contains("is ABANDONED"), approve.err());
    assertFalse(approve.err().contains("unknown cycle"), approve.err());
    assertEquals(1, f.run("status", cycle).exit(), "a second look changes nothing");
    assertEquals(1, audit(cycle, "cycle.abandoned").size());
    assertEquals(0, f.run("audit", "verify", "--spec", "lostjob").exit());
  }

  @Test
  void cancelOfAnUnknownCycleOrWithABadTimeoutIsOneCleanUsageError() {
    CliFixture.Run unknown = f.run("cancel", "recon-nope-20200101T000000Z", "--by", "alice");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().startsWith("recon: unknown cycle"), unknown.err());
    assertEquals(1, unknown.err().lines().count(), unknown.err());

    CliFixture.Run bad = f.run("cancel", "x", "--timeout", "-1");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--timeout must be 0 or more seconds"), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
  }

  @Test
  void theNextRunOfTheJobClosesItsLostCycleAndStarts() throws Exception {
    Path spec = spec("lostrun", SLOW);
    String lost = "recon-lostrun-20200101T000000Z";
    insertLostCycle("lostrun", lost);

    CliFixture.Run run = f.run("run", spec.toString());

    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(cycleRow(lost).startsWith("ABANDONED|abandoned: Temporal knows no workflow"));
    assertEquals(1, audit(lost, "cycle.abandoned").size());
    awaitPhase(run.firstLine(), "COMPARING");
    assertEquals(0, f.run("cancel", run.firstLine(), "--by", "alice").exit());
  }

  @Test
  void aWorkerAtStartClosesLostCyclesButNotOnesRunningElsewhere() throws Exception {
    Path spec = spec("sweep", SLOW);
    CliFixture.Run running = f.run("run", spec.toString());
    assertEquals(0, running.exit(), running.out() + running.err());
    awaitPhase(running.firstLine(), "COMPARING");
    String lost = "recon-sweepgone-20200101T000000Z";
    insertLostCycle("sweepgone", lost);
    long applying = repair(lost, "DELETE", 99, null);

    try (ReconWorker second = ReconWorker.start(ReconConfig.fromEnv(f.env))) {
      assertTrue(cycleRow(lost).startsWith("ABANDONED|"), cycleRow(lost));
      assertEquals("APPLIED|REPAIRED", repairRow(applying));
      assertTrue(cycleRow(running.firstLine()).startsWith("RUNNING|"));
    }
    assertEquals(0, f.run("cancel", running.firstLine(), "--by", "alice").exit());
  }

  private static void awaitPhase(String cycle, String phase) throws Exception {
    for (int i = 0; i < 300; i++) {
      CliFixture.Run s = f.run("status", cycle, "--json");
      if (s.exit() == 3 && phase.equals(JSON.readTree(s.out()).path("phase").asText())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(cycle + " never reached " + phase);
  }

  /** A cycle row the store records RUNNING, with no workflow behind it. */
  private static void insertLostCycle(String spec, String cycle) {
    f.sql(
        "insert into recon.cycle (cycle_id, spec_name, spec_hash, mode, initiator, status,"
            + " started_at, updated_at) values ('"
            + cycle
            + "', '"
            + spec
            + "', 'h', 'FULL', 'test', 'RUNNING', now(), now())");
  }

  /** An approved discrepancy and its repair row left APPLYING; returns the repair's id. */
  private static long repair(String cycle, String action, int id, String after) {
    String kind =
        action.equals("INSERT") ? "MISSING" : action.equals("DELETE") ? "ORPHAN" : "MISMATCH";
    f.sql(
        "insert into recon.discrepancy (cycle_id, spec_name, spec_hash, range_index, key_hash,"
            + " key_text, key_json, kind, severity, status, fields, first_seen_at, last_seen_at,"
            + " updated_at) values ('"
            + cycle
            + "', 'lostjob', 'h', 0, 'k"
            + id
            + "', '["
            + id
            + "]', '["
            + id
            + "]', '"
            + kind
            + "', 'LOW', 'APPROVED', '[]', now(), now(), now())",
        "insert into recon.repair (idempotency_key, discrepancy_id, cycle_id, spec_name, action,"
            + " status, after_image, target_ns, key_filter, created_at, updated_at) select '"
            + cycle
            + id
            + "', d.id, d.cycle_id, 'lostjob', '"
            + action
            + "', 'APPLYING', "
            + (after == null ? "null" : "'" + after + "'")
            + ", '"
            + f.mongoDb
            + ".lost', '{\"_id\": "
            + id
            + "}', now(), now() from recon.discrepancy d where d.cycle_id = '"
            + cycle
            + "' and d.key_hash = 'k"
            + id
            + "'");
    return Long.parseLong(
        one("select r.id from recon.repair r where r.idempotency_key = ?", cycle + id));
  }

  private static String cycleRow(String cycle) {
    return one(
        "select status || '|' || coalesce(error, '') from recon.cycle where cycle_id = ?", cycle);
  }

  private static String repairRow(long id) {
    return one(
        "select r.status || '|' || d.status from recon.repair r join recon.discrepancy d"
            + " on d.id = r.discrepancy_id where r.id = ?::bigint",
        Long.toString(id));
  }

  /** "actor|reason" of each audit row of the cycle with this action. */
  private static List<String> audit(String cycle, String action) {
    return all(
        "select actor || '|' || coalesce(reason, 'null') from recon.audit_event"
            + " where cycle_id = ? and action = '"
            + action
            + "' order by seq",
        cycle);
  }

  private static String one(String sql, String arg) {
    List<String> rows = all(sql, arg);
    if (rows.size() != 1) {
      throw new AssertionError(sql + " returned " + rows);
    }
    return rows.get(0);
  }

  private static List<String> all(String sql, String arg) {
    try (Connection c = DriverManager.getConnection(f.url, "postgres", "");
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
