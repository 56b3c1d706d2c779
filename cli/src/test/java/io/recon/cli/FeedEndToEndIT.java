package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous mode end to end, as a user runs it: {@code recon feed start} on the embedded
 * stack, the source's changes read from a real logical replication slot (pgoutput), and writes that
 * never reached the copy found and repaired by key-set cycles: an updated row, a deleted row whose
 * document is now an orphan, an inserted row with no document, and, for a query source, a change to
 * a joined table that alters the documents of every row that joins it.
 */
class FeedEndToEndIT {
  private static final String TABLE_SPEC =
      """
      name: e2e-members
      owner: crm
      approvers: [alice]
      source: { table: public.members, key: [id] }
      target: { database: ${db}, collection: members, key: [_id] }
      fields:
        - { source: email, target: email, type: string }
      settle: 0s
      repair: { auto: [low, medium, high], approvalTimeout: 1h, maxDivergenceRatio: 1 }
      feed: { window: 1s, batch: 100 }
      """;

  private static final String QUERY_SPEC =
      """
      name: e2e-customers
      owner: crm
      approvers: [alice]
      source:
        query: "select c.id, c.name, a.city from customer c join address a on a.id = c.address_id"
        key: [id]
      target: { database: ${db}, collection: customers, key: [_id] }
      fields:
        - { source: name, target: name, type: string }
        - { source: city, target: city, type: string }
      settle: 0s
      repair: { auto: [low, medium, high], approvalTimeout: 1h, maxDivergenceRatio: 1 }
      feed:
        window: 1s
        tables:
          - { table: customer, keys: "select id from customer where id = :id" }
          - { table: address, keys: "select id from customer where address_id = :id" }
      """;

  @Test
  void sourceChangesThatNeverReachedTheCopyAreFoundAndRepairedByKey(@TempDir Path dir)
      throws Exception {
    try (CliFixture f = new CliFixture()) {
      f.sql(
          "create table members (id bigint primary key, email text)",
          "insert into members select g, 'm' || g || '@x' from generate_series(1, 6) g",
          "create publication recon_e2e_members for table members");
      var members = f.mongo.getDatabase(f.mongoDb).getCollection("members");
      for (long id = 1; id <= 6; id++) {
        members.insertOne(new Document("_id", id).append("email", "m" + id + "@x"));
      }
      Path spec = f.write(dir, "members.yaml", TABLE_SPEC);
      try {
        CliFixture.Run started = f.run("feed", "start", spec.toString(), "--by", "alice");
        assertEquals(0, started.exit(), started.err());
        awaitStatus(f, "e2e-members", "RUNNING");
        assertEquals(
            "1",
            f.query(
                "select count(*) from pg_replication_slots where slot_name = 'recon_e2e_members'"),
            "a running feed has its slot, so no change after this point can be missed");

        // The application writes; its sync pipeline misses all of it.
        f.sql(
            "update members set email = 'new2@x' where id = 2",
            "delete from members where id = 3",
            "insert into members values (7, 'm7@x')",
            "update members set email = 'first4@x' where id = 4",
            "update members set email = 'second4@x' where id = 4");

        Map<String, String> expected =
            Map.of(
                "{\"id\":2}", "MISMATCH REPAIRED",
                "{\"id\":3}", "ORPHAN REPORTED",
                "{\"id\":4}", "MISMATCH REPAIRED",
                "{\"id\":7}", "MISSING REPAIRED");
        assertEquals(expected, awaitVerdicts(f, "e2e-members", expected.size()));
        assertEquals("second4@x", members.find(new Document("_id", 4L)).first().getString("email"));
        assertEquals("m7@x", members.find(new Document("_id", 7L)).first().getString("email"));
        assertEquals("new2@x", members.find(new Document("_id", 2L)).first().getString("email"));
        // Each changed key was compared by key-set cycles only: no full cycle ran.
        assertEquals(
            "0",
            f.query(
                "select count(*) from recon.cycle where spec_name = 'e2e-members'"
                    + " and mode <> 'KEYS'"));
      } finally {
        stopDroppingSlot(f, "e2e-members", "recon_e2e_members");
      }
    }
  }

  @Test
  void aChangeToAJoinedTableReconcilesEveryRowThatJoinsIt(@TempDir Path dir) throws Exception {
    try (CliFixture f = new CliFixture()) {
      f.sql(
          "create table address (id bigint primary key, city text)",
          "create table customer (id bigint primary key, name text,"
              + " address_id bigint references address (id))",
          "insert into address values (10, 'Lyon'), (20, 'Oslo')",
          "insert into customer values (1, 'Ann', 10), (2, 'Bo', 10), (3, 'Cy', 20)",
          "create publication recon_e2e_customers for table customer, address");
      var customers = f.mongo.getDatabase(f.mongoDb).getCollection("customers");
      customers.insertOne(new Document("_id", 1L).append("name", "Ann").append("city", "Lyon"));
      customers.insertOne(new Document("_id", 2L).append("name", "Bo").append("city", "Lyon"));
      customers.insertOne(new Document("_id", 3L).append("name", "Cy").append("city", "Oslo"));
      Path spec = f.write(dir, "customers.yaml", QUERY_SPEC);
      try {
        CliFixture.Run started = f.run("feed", "start", spec.toString(), "--by", "alice");
        assertEquals(0, started.exit(), started.err());
        awaitStatus(f, "e2e-customers", "RUNNING");
        assertEquals(
            "1",
            f.query(
                "select count(*) from pg_replication_slots where slot_name = 'recon_e2e_customers'"));

        // Address 10 moves: both customers who live there are now stale in the copy; a renamed
        // customer is stale through the customer table itself.
        f.sql(
            "update address set city = 'Paris' where id = 10",
            "update customer set name = 'Cyd' where id = 3");

        Map<String, String> expected =
            Map.of(
                "{\"id\":1}", "MISMATCH REPAIRED",
                "{\"id\":2}", "MISMATCH REPAIRED",
                "{\"id\":3}", "MISMATCH REPAIRED");
        assertEquals(expected, awaitVerdicts(f, "e2e-customers", expected.size()));
        assertEquals("Paris", customers.find(new Document("_id", 2L)).first().getString("city"));
        assertEquals("Cyd", customers.find(new Document("_id", 3L)).first().getString("name"));
      } finally {
        stopDroppingSlot(f, "e2e-customers", "recon_e2e_customers");
      }
    }
  }

  private static void stopDroppingSlot(CliFixture f, String feed, String slot) {
    CliFixture.Run stop = f.run("feed", "stop", feed, "--by", "bob", "--drop-slot");
    assertEquals(0, stop.exit(), stop.out() + stop.err());
    assertEquals(
        "0",
        f.query("select count(*) from pg_replication_slots where slot_name = '" + slot + "'"),
        "feed stop --drop-slot leaves no slot retaining WAL");
  }

  /**
   * Waits (bounded) until {@code count} keys have a verdict; returns key JSON to kind and status.
   */
  private static Map<String, String> awaitVerdicts(CliFixture f, String spec, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<String, String> found = new TreeMap<>();
    while (System.nanoTime() < deadline) {
      found = verdicts(f, spec);
      boolean settled =
          found.size() >= count
              && found.values().stream().noneMatch(v -> v.endsWith(" OPEN"))
              && "0".equals(f.query("select count(*) from recon.feed_key"));
      if (settled) {
        return found;
      }
      Thread.sleep(250);
    }
    CliFixture.Run status = f.run("feed", "status", spec);
    throw new AssertionError(
        "verdicts of " + spec + " did not arrive: " + found + "\n" + status.out() + status.err());
  }

  private static Map<String, String> verdicts(CliFixture f, String spec) {
    String rows =
        f.query(
            "select coalesce(string_agg(key_json || '=' || kind || ' ' || status, '|'), '')"
                + " from recon.discrepancy where spec_name = '"
                + spec
                + "' and status <> 'TRANSIENT'");
    Map<String, String> found = new TreeMap<>();
    for (String row : rows.split("\\|")) {
      if (!row.isEmpty()) {
        int eq = row.lastIndexOf('=');
        found.merge(row.substring(0, eq), row.substring(eq + 1), (a, b) -> a + "," + b);
      }
    }
    return found;
  }

  private static void awaitStatus(CliFixture f, String feed, String state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    CliFixture.Run last = f.run("feed", "status", feed, "--json");
    while (!last.out().contains("\"status\" : \"" + state + "\"")
        && !last.out().contains("\"status\":\"" + state + "\"")) {
      assertTrue(System.nanoTime() < deadline, "feed never became " + state + ": " + last);
      Thread.sleep(250);
      last = f.run("feed", "status", feed, "--json");
    }
  }
}
