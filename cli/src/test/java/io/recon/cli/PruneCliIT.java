package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recon prune} as an operator runs it, on a store a real cycle filled: the repaired
 * discrepancy is aged in SQL (its audit rows are not: their time is in their hash, so audit pruning
 * is proven in {@code PruneIT} with a fixed clock instead).
 */
class PruneCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CliFixture f;
  private static String cycle;
  @TempDir static Path dir;

  private static final String SPEC =
      """
      name: plans
      owner: billing-team
      source: { table: public.plans, key: [id] }
      target: { database: ${db}, collection: plans, key: [_id] }
      fields:
        - { source: plan, target: plan, type: string, severity: low }
      partitions: 1
      settle: 0s
      repair: { auto: [low], maxDivergenceRatio: 0.5 }
      """;

  @BeforeAll
  static void aRepairedCycle() {
    f = new CliFixture();
    f.sql(
        "create table plans (id int primary key, plan text)",
        "insert into plans select g, 'free' from generate_series(1, 5) g");
    for (int id = 1; id <= 5; id++) {
      f.mongo
          .getDatabase(f.mongoDb)
          .getCollection("plans")
          .insertOne(new Document("_id", id).append("plan", id == 2 ? "pro" : "free"));
    }
    CliFixture.Run run = f.run("run", f.write(dir, "plans.yaml", SPEC).toString(), "--wait");
    cycle = run.firstLine();
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals("1", f.query("select count(*) from recon.repair where before_image is not null"));
    f.sql(
        "update recon.repair set applied_at = now() - interval '40 days'",
        "update recon.discrepancy set updated_at = now() - interval '100 days'");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static CliFixture.Run prune(Map<String, String> retention, String... args) {
    Map<String, String> env = new HashMap<>(f.env);
    env.putAll(retention);
    String[] all = new String[args.length + 1];
    all[0] = "prune";
    System.arraycopy(args, 0, all, 1, args.length);
    return f.run(env, all);
  }

  @Test
  void dryRunThenImagesThenDiscrepanciesWithRollbackSayingWhyAtEachStep() throws Exception {
    Map<String, String> images = Map.of("RECON_RETENTION_BEFORE_IMAGES", "30d");
    CliFixture.Run dry = prune(images, "--dry-run", "--by", "ops", "--json");
    assertEquals(0, dry.exit(), dry.out() + dry.err());
    JsonNode plans = JSON.readTree(dry.out()).get("specs").get(0);
    assertEquals("plans", plans.get("spec").asText());
    assertEquals(1, plans.get("beforeImages").asLong(), dry.out());
    assertEquals("1", f.query("select count(*) from recon.repair where before_image is not null"));

    CliFixture.Run pruned = prune(images, "--by", "ops");
    assertEquals(0, pruned.exit(), pruned.out() + pruned.err());
    assertTrue(
        pruned.out().contains("pruned 0 discrepancies with 0 repairs, 1 before-images"),
        pruned.out());
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    CliFixture.Run rollback = f.run("rollback", cycle, "--by", "ops");
    assertEquals(5, rollback.exit(), rollback.out() + rollback.err());
    assertTrue(
        rollback
            .out()
            .contains(
                "PRUNED       before-image pruned on "
                    + today
                    + " by retention (beforeImages 30d); rollback can no longer run"),
        rollback.out());

    Map<String, String> all =
        Map.of(
            "RECON_RETENTION_BEFORE_IMAGES", "30d",
            "RECON_RETENTION_DISCREPANCIES", "90d",
            "RECON_RETENTION_AUDIT", "7y");
    CliFixture.Run rest = prune(all, "--by", "ops", "--spec", "plans");
    assertEquals(0, rest.exit(), rest.out() + rest.err());
    assertEquals(
        "0", f.query("select count(*) from recon.discrepancy where cycle_id = '" + cycle + "'"));
    CliFixture.Run gone = f.run("rollback", cycle, "--by", "ops");
    assertEquals(5, gone.exit(), gone.out() + gone.err());
    assertEquals(
        "recon: repairs of cycle "
            + cycle
            + " pruned on "
            + today
            + " by retention (discrepancies 90d); rollback can no longer run",
        gone.err().strip());

    CliFixture.Run verify = f.run("audit", "verify", "--spec", "plans");
    assertEquals(0, verify.exit(), verify.out() + verify.err());
    assertEquals(
        "2", f.query("select count(*) from recon.audit_event where action = 'retention.pruned'"));
  }

  @Test
  void anUnknownSpecOrABadWindowIsOneLineAndExitTwo() {
    CliFixture.Run unknown = prune(Map.of(), "--by", "ops", "--spec", "nope");
    assertEquals(2, unknown.exit(), unknown.out() + unknown.err());
    assertEquals(
        "recon: no spec named 'nope' in the recon store: no version, discrepancy or audit row",
        unknown.err().strip());
    CliFixture.Run shortWindow =
        prune(Map.of("RECON_RETENTION_AUDIT", "12h"), "--by", "ops", "--dry-run");
    assertEquals(2, shortWindow.exit(), shortWindow.out() + shortWindow.err());
    assertEquals(
        "recon: RECON_RETENTION_*: audit must be at least 1d, got 12h", shortWindow.err().strip());
    CliFixture.Run notADuration =
        prune(Map.of("RECON_RETENTION_DISCREPANCIES", "90 days"), "--by", "ops");
    assertEquals(2, notADuration.exit());
    assertTrue(
        notADuration.err().startsWith("recon: RECON_RETENTION_DISCREPANCIES: '90 days' is not"),
        notADuration.err());
  }
}
