package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recon.embedded.Ports;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of the recon CLI: output and exit codes, against the embedded stack. */
class CliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CliFixture f;
  @TempDir static Path dir;
  private static Path spec;

  private static final String SPEC =
      """
      name: accounts
      owner: billing-team
      approvers: [alice]
      source: { table: public.accounts, key: [id], updatedAt: updated_at }
      target: { database: ${db}, collection: accounts, key: [_id] }
      fields:
        - { source: email, target: email, type: string, normalize: [lowercase], severity: high }
        - { source: plan, target: plan, type: string, severity: low }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [low], approvalTimeout: 1h }
      """;

  @BeforeAll
  static void seed() {
    f = new CliFixture();
    f.sql(
        "create table accounts (id int primary key, email text, plan text, updated_at timestamptz"
            + " default now())",
        "insert into accounts (id, email, plan) select g, 'a' || g || '@x.io', 'free'"
            + " from generate_series(1, 40) g");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 40; id++) {
      if (id == 9) {
        continue; // missing
      }
      docs.add(
          new Document("_id", id)
              .append("email", id == 3 ? "wrong@x.io" : "A" + id + "@X.IO")
              .append("plan", id == 5 ? "pro" : "free"));
    }
    f.mongo.getDatabase(f.mongoDb).getCollection("accounts").insertMany(docs);
    spec = f.write(dir, "accounts.yaml", SPEC);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** The raw answer of the {@code status} query, as any Temporal client receives it. */
  private static JsonNode queryStatus(String cycleId) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(f.env.get("TEMPORAL_ADDRESS"))
                .build());
    try {
      return WorkflowClient.newInstance(service)
          .newUntypedWorkflowStub(cycleId)
          .query("status", JsonNode.class);
    } finally {
      service.shutdown();
    }
  }

  private static void assertOneCleanErrorLine(CliFixture.Run r) {
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void specCheckAcceptsAValidSpecAndReportsEveryProblemOfABadOne() {
    CliFixture.Run ok = f.run("spec", "check", spec.toString());
    assertEquals(0, ok.exit(), ok.err());
    assertTrue(ok.out().startsWith("OK: spec 'accounts'"), ok.out());

    Path bad =
        f.write(
            dir,
            "bad.yaml",
            SPEC.replace("partitions: 2", "partitons: 2")
                .replace("type: string, severity: low", "type: decimal, severity: low"));
    CliFixture.Run r = f.run("spec", "check", bad.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("did you mean 'partitions'"), r.err());
    assertTrue(r.err().contains("scale"), r.err());
    assertTrue(r.err().contains("bad.yaml:"), r.err());

    CliFixture.Run missing = f.run("spec", "check", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.exit());
  }

  @Test
  void specCheckConnectNamesAColumnTheSourceLacks() {
    CliFixture.Run ok = f.run("spec", "check", "--connect", spec.toString());
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().contains("matches the live source and target"), ok.out());

    Path typo = f.write(dir, "typo.yaml", SPEC.replace("source: plan,", "source: plann,"));
    CliFixture.Run r = f.run("spec", "check", "--connect", typo.toString());
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("'plann'"), r.err());
  }

  @Test
  void specCheckConnectChecksWhatTheFeedNeedsFromTheSource() {
    String feedSpec =
        SPEC.replace("partitions: 2", "partitions: 2\nfeed: { publication: cli_feed_pub }");
    Path feed = f.write(dir, "feed.yaml", feedSpec);
    CliFixture.Run missing = f.run("spec", "check", "--connect", feed.toString());
    assertEquals(2, missing.exit(), missing.out() + missing.err());
    assertTrue(
        missing
            .err()
            .contains(
                "error: publication cli_feed_pub does not exist; recon never writes to the source,"
                    + " so a DBA creates it: CREATE PUBLICATION cli_feed_pub FOR TABLE"
                    + " public.accounts;"),
        missing.err());
    f.sql("create publication cli_feed_pub for table accounts");
    try {
      CliFixture.Run ok = f.run("spec", "check", "--connect", feed.toString());
      assertEquals(0, ok.exit(), ok.out() + ok.err());
      assertTrue(
          ok.out().contains("feed:   slot recon_accounts, publication cli_feed_pub"), ok.out());
      assertTrue(
          ok.out().contains("warning: replication slot recon_accounts does not exist yet"),
          ok.out());
      f.sql(
          "create table plans (plan text, account_id int)",
          "alter publication cli_feed_pub add table plans");
      Path joined =
          f.write(
              dir,
              "feed-joined.yaml",
              feedSpec.replace(
                  "feed: { publication: cli_feed_pub }",
                  "feed:\n  publication: cli_feed_pub\n  tables:\n"
                      + "    - { table: plans, keys: 'select :account_id as id' }"));
      CliFixture.Run identity = f.run("spec", "check", "--connect", joined.toString());
      assertEquals(2, identity.exit(), identity.out() + identity.err());
      assertTrue(
          identity
              .err()
              .contains(
                  "error: feed.tables[0] plans: a delete (or an update of account_id) would not"
                      + " carry the old value of account_id, as the replica identity is DEFAULT"
                      + " and the table has no primary key"),
          identity.err());
    } finally {
      f.sql("drop publication cli_feed_pub");
    }
  }

  @Test
  void theSpecRegistryAppliesListsShowsDiffsAndRunsByName() throws Exception {
    String v1 =
        SPEC.replace("name: accounts", "name: ledgers")
            .replace("repair: { auto: [low], approvalTimeout: 1h }", "repair: { auto: [] }");
    String v2 =
        v1.replace("approvers: [alice]", "approvers: [alice, bob]")
            .replace("severity: low", "severity: medium");
    Path file = f.write(dir, "ledgers.yaml", v1);

    CliFixture.Run apply = f.run("spec", "apply", file.toString(), "--by", "alice");
    assertEquals(0, apply.exit(), apply.out() + apply.err());
    assertTrue(apply.out().startsWith("applied ledgers version 1 (sha256 "), apply.out());
    CliFixture.Run again = f.run("spec", "apply", file.toString(), "--by", "alice");
    assertEquals(0, again.exit(), again.out() + again.err());
    assertTrue(again.out().startsWith("ledgers is unchanged: version 1 "), again.out());

    f.write(dir, "ledgers.yaml", v2);
    CliFixture.Run second = f.run("spec", "apply", file.toString(), "--by", "bob", "--json");
    assertEquals(0, second.exit(), second.out() + second.err());
    JsonNode applied = JSON.readTree(second.out());
    assertEquals(2, applied.get("version").asInt());
    assertTrue(applied.get("applied").asBoolean());

    JsonNode list = JSON.readTree(f.run("spec", "list", "--json").out());
    JsonNode ledgers = null;
    for (JsonNode entry : list) {
      if (entry.get("name").asText().equals("ledgers")) {
        ledgers = entry;
      }
    }
    assertEquals(2, ledgers.get("version").asInt(), list.toString());
    assertEquals("bob", ledgers.get("appliedBy").asText());
    assertEquals(64, ledgers.get("hash").asText().length());
    assertTrue(f.run("spec", "list").out().contains("ledgers"));

    CliFixture.Run show = f.run("spec", "show", "ledgers", "--version", "1");
    assertEquals(0, show.exit(), show.err());
    assertEquals(v1.replace("${db}", f.mongoDb), show.out());
    assertEquals(
        v2.replace("${db}", f.mongoDb),
        JSON.readTree(f.run("spec", "show", "ledgers", "--json").out()).get("yaml").asText());

    CliFixture.Run diff = f.run("spec", "diff", "ledgers", "1", "2");
    assertEquals(0, diff.exit(), diff.err());
    assertTrue(diff.out().contains("version 1: applied by alice at "), diff.out());
    assertTrue(diff.out().contains("version 2: applied by bob at "), diff.out());
    assertTrue(diff.out().contains("  approvers: [alice] -> [alice, bob]\n"), diff.out());
    assertTrue(diff.out().contains("  fields[plan].severity: low -> medium\n"), diff.out());
    assertEquals(4, diff.out().lines().count(), diff.out());

    CliFixture.Run noVersion = f.run("spec", "show", "ledgers", "--version", "9");
    assertEquals(2, noVersion.exit());
    assertTrue(
        noVersion.err().contains("has no version 9; its versions are 1 to 2"), noVersion.err());
    assertOneCleanErrorLine(noVersion);
    CliFixture.Run noName = f.run("spec", "diff", "nope", "1", "2");
    assertEquals(2, noName.exit());
    assertTrue(noName.err().contains("unknown spec 'nope'"), noName.err());
    assertOneCleanErrorLine(noName);
    CliFixture.Run runNoName = f.run("run", "nope");
    assertEquals(2, runNoName.exit());
    assertOneCleanErrorLine(runNoName);

    CliFixture.Run run = f.run("run", "ledgers", "--version", "1", "--wait");
    String cycle = run.firstLine();
    assertTrue(cycle.startsWith("recon-ledgers-"), run.out() + run.err());
    assertEquals(3, run.exit(), run.out() + run.err());
    JsonNode report = JSON.readTree(f.run("report", cycle, "--format", "json").out());
    assertEquals(1, report.get("specVersion").asInt(), report.toString());
    assertFalse(
        ledgers.get("hash").asText().equals(report.get("specHash").asText()),
        "the report names version 1's hash, not the latest's");
    assertEquals(0, f.run("audit", "verify", "--spec", "ledgers").exit());
  }

  @Test
  void runWaitStatusReportHistoryAndAuditWorkTogether() throws Exception {
    CliFixture.Run run = f.run("run", spec.toString(), "--wait");
    String cycle = run.firstLine();
    assertTrue(cycle.startsWith("recon-accounts-"), run.out());
    assertEquals(3, run.exit(), run.out() + run.err()); // discrepancies remain or need a decision
    // Without --by, the login name of the command's own environment, which here has no USER.
    assertEquals(
        "operator", f.query("select initiator from recon.cycle where cycle_id = '" + cycle + "'"));
    // run FILE applied the file to the registry and started the cycle by name, pinned.
    String version =
        f.query("select spec_version from recon.cycle where cycle_id = '" + cycle + "'");
    assertEquals(
        f.query("select max(version) from recon.spec_version where name = 'accounts'"), version);

    CliFixture.Run status = f.run("status", cycle, "--json");
    JsonNode s = JSON.readTree(status.out());
    assertEquals(cycle, s.get("cycle").asText());
    assertEquals(1, s.get("discrepancies").get("missing").asLong(), status.out());
    assertEquals(1, s.get("discrepancies").get("mismatch").asLong() >= 1 ? 1 : 0, status.out());
    // The status query answers what recon status --json prints, field for field. The trees are
    // compared whole, no field ignored: the cycle is held for a decision, so nothing in its state,
    // updatedAt included, changes between the two reads.
    JsonNode queried = queryStatus(cycle);
    assertEquals(s, queried, "the status query against recon status --json");
    assertEquals(List.of(), StatusSchema.violations(queried), queried.toString());
    assertEquals(
        Integer.parseInt(
            f.query("select spec_version from recon.cycle where cycle_id = '" + cycle + "'")),
        queried.get("specVersion").asInt());
    ObjectNode renamed = queried.deepCopy();
    renamed.set("state", renamed.remove("status"));
    assertFalse(StatusSchema.violations(renamed).isEmpty(), "the schema refuses a renamed field");

    CliFixture.Run report = f.run("report", cycle, "--format", "json");
    JsonNode r = JSON.readTree(report.out());
    for (String field :
        List.of(
            "cycle",
            "spec",
            "mode",
            "status",
            "startedAt",
            "finishedAt",
            "compared",
            "discrepancies",
            "transient",
            "repaired",
            "pendingApproval",
            "rejected",
            "expired",
            "skippedConcurrentChange",
            "unresolved",
            "items")) {
      assertTrue(r.has(field), "report JSON lacks " + field + ": " + report.out());
    }
    assertEquals("accounts", r.get("spec").asText());
    assertEquals("full", r.get("mode").asText());
    assertEquals(40, r.get("compared").asLong());
    // The store's row says RUNNING while the cycle waits for a decision (here GATED: the share of
    // discrepancies trips the quality gate); the report says what status says.
    String live = s.get("status").asText();
    assertTrue(List.of("AWAITING_APPROVAL", "GATED").contains(live), status.out());
    assertEquals(live, r.get("status").asText(), "a live cycle's report shows its live state");
    JsonNode wrongEmail = null;
    for (JsonNode item : r.get("items")) {
      if (item.get("key").get("id").asInt() == 3) {
        wrongEmail = item;
      }
    }
    assertTrue(wrongEmail != null, report.out());
    String wrongEmailId = wrongEmail.get("id").asText();
    assertEquals("email", wrongEmail.get("fields").get(0).asText(), wrongEmail.toString());
    JsonNode diff = wrongEmail.get("diffs").get(0);
    assertEquals("email", diff.get("path").asText(), diff.toString());
    assertTrue(diff.get("source").asText().contains("a3@x.io"), diff.toString());
    assertTrue(diff.get("target").asText().contains("wrong@x.io"), diff.toString());
    // The pending items are the store's PENDING_APPROVAL rows, in id order, each as the report
    // shows it (kind, severity, fields and the values of each differing field).
    JsonNode pending = s.get("pending");
    assertEquals(s.get("pendingApproval").asLong(), pending.get("total").asLong(), s.toString());
    List<String> pendingIds = new ArrayList<>();
    pending.get("items").forEach(i -> pendingIds.add(i.get("id").asText()));
    assertEquals(pending.get("total").asInt(), pendingIds.size(), "fewer than 100: all listed");
    assertEquals(
        f.query(
            "select string_agg(id::text, ',' order by id) from recon.discrepancy where cycle_id = '"
                + cycle
                + "' and status = 'PENDING_APPROVAL'"),
        String.join(",", pendingIds));
    assertTrue(pendingIds.contains(wrongEmailId), "the high-severity mismatch waits: " + pending);
    for (JsonNode held : pending.get("items")) {
      JsonNode reported = null;
      for (JsonNode item : r.get("items")) {
        if (item.get("id").asText().equals(held.get("id").asText())) {
          reported = item;
        }
      }
      assertTrue(reported != null, held.toString());
      for (String field : List.of("key", "kind", "severity", "fields", "diffs")) {
        assertEquals(reported.get(field), held.get(field), field + " of " + held);
      }
    }
    JsonNode first = r.get("items").get(0);
    for (String field : List.of("id", "key", "kind", "severity", "fields", "status")) {
      assertTrue(first.has(field), "item lacks " + field + ": " + first);
    }

    CliFixture.Run csv = f.run("report", cycle, "--format", "csv");
    assertTrue(csv.firstLine().startsWith("id,key,kind,severity,fields,status"), csv.out());
    assertTrue(csv.firstLine().endsWith(",diffs"), csv.firstLine());
    assertEquals(1 + r.get("items").size(), csv.out().lines().count());
    String csvRow =
        csv.out().lines().filter(l -> l.startsWith(wrongEmailId + ",")).findFirst().orElseThrow();
    assertTrue(
        csvRow.endsWith(
            ","
                + ReportCommand.csvField(
                    "email: "
                        + diff.get("source").asText()
                        + " -> "
                        + diff.get("target").asText())),
        csvRow);

    CliFixture.Run table = f.run("report", cycle);
    assertTrue(table.out().contains("KIND"), table.out());
    assertTrue(table.out().lines().allMatch(l -> l.length() <= 100), table.out());
    assertTrue(
        table.out().contains("email: " + diff.get("source").asText() + " -> "),
        "the table shows both values of a differing field: " + table.out());
    assertTrue(table.out().contains("Status " + live), table.out());

    CliFixture.Run history = f.run("history", "accounts", "--last", "5");
    assertEquals(0, history.exit(), history.err());
    assertTrue(history.out().contains(cycle), history.out());

    // The cycle holds the high-severity repairs: the run said how to decide them.
    assertTrue(run.out().contains("recon approve " + cycle), run.out());
    assertTrue(run.out().contains("temporal workflow signal"), run.out());
    assertTrue(run.out().contains("--name approve"), run.out());

    // Cycles of one job never overlap: a second run while this one waits is refused.
    CliFixture.Run overlap = f.run("run", spec.toString());
    assertEquals(1, overlap.exit(), overlap.out() + overlap.err());
    assertTrue(overlap.err().contains("already has a running cycle: " + cycle), overlap.err());
    assertOneCleanErrorLine(overlap);

    CliFixture.Run intruder = f.run("approve", cycle, "--by", "mallory");
    assertEquals(2, intruder.exit(), intruder.out() + intruder.err());
    assertTrue(intruder.err().contains("mallory"), intruder.err());

    CliFixture.Run stale = f.run("approve", cycle, "--by", "alice", "--ids", "999999");
    assertEquals(2, stale.exit(), stale.out() + stale.err());
    assertTrue(
        stale.err().contains("approve refused: none of the named ids is pending approval"),
        stale.err());
    assertTrue(stale.err().contains("not decided: 999999 (not pending approval"), stale.err());

    // The ids the status lists are the ones a client passes to decide.
    CliFixture.Run approve =
        f.run(
            "approve",
            cycle,
            "--by",
            "alice",
            "--reason",
            "checked",
            "--ids",
            String.join(",", pendingIds));
    assertEquals(0, approve.exit(), approve.out() + approve.err());
    assertTrue(approve.out().contains("approve accepted"), approve.out());

    CliFixture.Run done = awaitFinished(cycle);
    assertEquals(0, done.exit(), done.out() + done.err()); // everything repaired
    assertTrue(done.out().contains("COMPLETED"), done.out());
    JsonNode closed = JSON.readTree(f.run("status", cycle, "--json").out());
    assertFalse(closed.get("live").asBoolean(), closed.toString());
    List<String> decided = new ArrayList<>();
    closed
        .get("decisions")
        .forEach(
            d ->
                decided.add(
                    d.get("action").asText()
                        + " by "
                        + d.get("approver").asText()
                        + (d.hasNonNull("refusal") ? " refused" : " accepted")));
    assertEquals(
        List.of(
            "approve by mallory refused", "approve by alice refused", "approve by alice accepted"),
        decided,
        "a closed cycle's status keeps its decisions, from the store: " + closed);
    assertEquals(pendingIds.size(), closed.get("decisions").get(2).get("applied").asInt());
    assertEquals(0, closed.get("pending").get("total").asLong(), closed.toString());
    assertEquals(List.of(), StatusSchema.violations(closed), closed.toString());
    assertTrue(done.out().contains("approve by mallory: refused"), done.out());

    CliFixture.Run rollback = f.run("rollback", cycle, "--by", "alice");
    assertEquals(0, rollback.exit(), rollback.out() + rollback.err());
    assertTrue(rollback.out().contains("rolled back"), rollback.out());

    CliFixture.Run audit = f.run("audit", "verify");
    assertEquals(0, audit.exit(), audit.out() + audit.err());
    assertTrue(audit.out().contains("intact"), audit.out());
  }

  private static CliFixture.Run awaitFinished(String cycle) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    CliFixture.Run status = f.run("status", cycle);
    while (System.currentTimeMillis() < deadline && !status.out().contains("COMPLETED")) {
      Thread.sleep(250);
      status = f.run("status", cycle);
    }
    return status;
  }

  @Test
  void unknownCycleIsOneClearLineAndExitTwo() {
    CliFixture.Run r = f.run("status", "recon-nope-20200101T000000Z");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown cycle 'recon-nope-20200101T000000Z'"), r.err());
    assertOneCleanErrorLine(r);

    CliFixture.Run report = f.run("report", "recon-nope-20200101T000000Z");
    assertEquals(2, report.exit());
    assertOneCleanErrorLine(report);
  }

  @Test
  void unreachableTemporalIsOneClearLineAndExitOne() {
    Map<String, String> env = new HashMap<>(f.env);
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + Ports.free());
    CliFixture.Run r = f.run(env, "run", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("Temporal is unreachable"), r.err());
    assertTrue(r.err().contains("TEMPORAL_ADDRESS"), r.err());
    assertOneCleanErrorLine(r);
  }

  @Test
  void workerWithAnUnreachableEndpointExitsOneNamingTheVariable() {
    Map<String, String> env = new HashMap<>(f.env);
    env.put("RECON_MONGO_URI", "mongodb://127.0.0.1:" + Ports.free());
    CliFixture.Run r = f.run(env, "worker");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("MongoDB is unreachable"), r.err());
    assertTrue(r.err().contains("RECON_MONGO_URI"), r.err());
    assertOneCleanErrorLine(r);
  }

  @Test
  void nullAndForeignTypedKeysAreWarnedByCheckAndCountedByRun() throws Exception {
    f.sql(
        "create table keyed (id bigint, email text, plan text, updated_at timestamptz)",
        "insert into keyed (id, email, plan) values (1, 'a1@x.io', 'free'), (2, 'a2@x.io', 'free'),"
            + " (null, 'lost@x.io', 'free')");
    f.mongo
        .getDatabase(f.mongoDb)
        .getCollection("keyed")
        .insertMany(
            List.of(
                new Document("_id", 1).append("email", "a1@x.io").append("plan", "free"),
                new Document("_id", 2.0).append("email", "a2@x.io").append("plan", "free"),
                new Document("_id", "2").append("email", "a2@x.io").append("plan", "free")));
    Path keyed =
        f.write(
            dir,
            "keyed.yaml",
            SPEC.replace("name: accounts", "name: keyed")
                .replace("public.accounts", "public.keyed")
                .replace("collection: accounts", "collection: keyed"));

    CliFixture.Run check = f.run("spec", "check", "--connect", keyed.toString());
    assertEquals(0, check.exit(), check.out() + check.err());
    assertTrue(
        check.out().contains("warning: source key column 'id' of public.keyed is nullable"),
        check.out());

    CliFixture.Run run = f.run("run", keyed.toString(), "--wait", "--by", "carol");
    String cycle = run.firstLine();
    assertEquals(3, run.exit(), run.out() + run.err());
    assertEquals(
        "carol", f.query("select initiator from recon.cycle where cycle_id = '" + cycle + "'"));
    assertTrue(
        run.out().contains("orphan 1, mismatch 0, duplicate key 0, invalid key 1"), run.out());
    JsonNode s = JSON.readTree(f.run("status", cycle, "--json").out());
    assertEquals(1, s.get("discrepancies").get("invalid_key").asLong(), s.toString());
    assertEquals(1, s.get("discrepancies").get("orphan").asLong(), s.toString());
    JsonNode report = JSON.readTree(f.run("report", cycle, "--format", "json").out());
    Map<String, String> details = new HashMap<>();
    report.get("items").forEach(i -> details.put(i.get("kind").asText(), i.get("detail").asText()));
    assertTrue(details.get("INVALID_KEY").contains("NULL in key column id"), details.toString());
    assertTrue(details.get("ORPHAN").contains("a string \"2\""), details.toString());
    assertEquals(2, details.size(), details.toString());
  }

  @Test
  void aColumnAlteredFromTextToIntegerIsSchemaDriftInSpecCheckAndRun() throws Exception {
    f.sql(
        "create table drifted (id int primary key, email text, plan text,"
            + " updated_at timestamptz default now())",
        "insert into drifted (id, email, plan) select g, 'a' || g || '@x.io', 'free'"
            + " from generate_series(1, 5) g",
        "alter table drifted alter column plan type integer using id");
    var target = f.mongo.getDatabase(f.mongoDb).getCollection("drifted");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 5; id++) {
      docs.add(new Document("_id", id).append("email", "a" + id + "@x.io").append("plan", "free"));
    }
    target.insertMany(docs);
    Path drifted =
        f.write(
            dir,
            "drifted.yaml",
            SPEC.replace("name: accounts", "name: drifted")
                .replace("public.accounts", "public.drifted")
                .replace("collection: accounts", "collection: drifted"));

    CliFixture.Run check = f.run("spec", "check", "--connect", drifted.toString());
    assertEquals(2, check.exit(), check.out() + check.err());
    assertOneCleanErrorLine(check);
    assertTrue(
        check.err().startsWith("error: source column 'plan' (fields[1].source)"), check.err());
    assertTrue(check.err().contains("has type int4"), check.err());
    assertTrue(check.err().contains("declares type string"), check.err());

    // --initiator is --by's old, hidden name: scripts that still say it keep working.
    CliFixture.Run run = f.run("run", drifted.toString(), "--wait", "--initiator", "dave");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertEquals("dave", f.query("select initiator from recon.cycle where spec_name = 'drifted'"));
    assertTrue((run.out() + run.err()).contains("PLANNING: SCHEMA_DRIFT: "), run.out() + run.err());
    assertFalse(run.err().contains("\tat "), run.err());
    assertEquals(
        "0",
        f.query(
            "select count(*) from recon.discrepancy d join recon.cycle c using (cycle_id)"
                + " where c.spec_name = 'drifted'"));
    assertEquals(
        "FAILED",
        f.query("select string_agg(status, ',') from recon.cycle where spec_name = 'drifted'"));
    for (Document d : target.find()) {
      assertEquals("free", d.getString("plan"), d.toJson());
    }
  }

  @Test
  void aTargetFieldManyDocumentsHoldInAnotherBsonTypeIsReportedOnceAsSchemaDrift()
      throws Exception {
    f.sql(
        "create table events (id int primary key, seen_at timestamptz not null,"
            + " note text not null)",
        "insert into events select g, timestamptz '2026-11-01 10:00:00+00' + g * interval '1 day',"
            + " 'n' || g from generate_series(1, 15) g");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 15; id++) {
      java.util.Date seen =
          java.util.Date.from(
              java.time.Instant.parse("2026-11-01T10:00:00Z").plusSeconds(86400L * id));
      Object value = id <= 11 ? "2026-11-0" + (id % 9 + 1) + " 10:00" : id == 12 ? 42L : seen;
      docs.add(
          new Document("_id", id)
              .append("seenAt", value)
              .append("note", id == 15 ? "x" : "n" + id));
    }
    f.mongo.getDatabase(f.mongoDb).getCollection("events").insertMany(docs);
    Path events =
        f.write(
            dir,
            "events.yaml",
            """
            name: events
            owner: ops
            source: { table: public.events, key: [id] }
            target: { database: ${db}, collection: events, key: [_id] }
            fields:
              - { source: seen_at, target: seenAt, type: timestamp }
              - { source: note, target: note, type: string }
            settle: 0s
            repair: { auto: [], approvalTimeout: 1h }
            """);
    CliFixture.Run run = f.run("run", events.toString(), "--wait");
    String cycle = run.firstLine();
    assertEquals(3, run.exit(), run.out() + run.err());

    JsonNode report = JSON.readTree(f.run("report", cycle, "--format", "json").out());
    JsonNode drift = report.get("schemaDrift");
    assertEquals(1, drift.size(), drift.toString());
    JsonNode d = drift.get(0);
    assertEquals("seenAt", d.get("field").asText());
    assertEquals("timestamp", d.get("expected").asText());
    assertEquals(11, d.get("seen").get("string").asLong(), d.toString());
    assertEquals(1, d.get("seen").get("long").asLong(), d.toString());
    assertEquals(2, d.get("seen").size(), d.toString());
    assertEquals(12, d.get("count").asLong(), d.toString());
    // Three keys of the drifted documents (ids 1-12), the first the store recorded.
    java.util.Set<Integer> examples = new java.util.TreeSet<>();
    d.get("exampleKeys").forEach(k -> examples.add(k.get("id").asInt()));
    assertEquals(3, examples.size(), d.toString());
    assertTrue(examples.stream().allMatch(id -> id <= 12), d.toString());
    // The note that differs in value only is no drift, and each mismatch is still listed.
    assertEquals(13, report.get("items").size(), report.toString());

    CliFixture.Run table = f.run("report", cycle);
    String out = table.out();
    int header = out.indexOf("Schema drift");
    assertTrue(header >= 0, out);
    assertTrue(
        out.contains(
            "  seenAt: 12 documents, expected timestamp, seen string 11, long 1;"
                + " e.g. {\"id\":"),
        out);
    assertTrue(header < out.indexOf("ID       KIND"), out);
  }

  @Test
  void badSpecOnRunIsExitTwo() {
    Path bad = f.write(dir, "bad-run.yaml", SPEC.replace("name: accounts", "name: Accounts!"));
    CliFixture.Run r = f.run("run", bad.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("name"), r.err());
  }

  @Test
  void scheduleSaysWhichBackendIsInUseAndManagesTheCronFallback() {
    CliFixture.Run create =
        f.run("schedule", "create", spec.toString(), "--cron", "0 3 * * *", "--name", "nightly");
    assertEquals(0, create.exit(), create.out() + create.err());
    assertTrue(create.out().contains("cron workflow fallback"), create.out());

    CliFixture.Run list = f.run("schedule", "list");
    assertEquals(0, list.exit(), list.err());
    assertTrue(list.out().contains("nightly"), list.out());
    assertTrue(list.out().contains("active"), list.out());

    CliFixture.Run delete = f.run("schedule", "delete", "nightly");
    assertEquals(0, delete.exit(), delete.err());
    assertFalse(f.run("schedule", "list").out().contains("nightly"));

    CliFixture.Run unknown = f.run("schedule", "trigger", "nightly");
    assertEquals(2, unknown.exit());
    assertOneCleanErrorLine(unknown);
  }
}
