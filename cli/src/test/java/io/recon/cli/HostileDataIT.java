package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data that real copies hold and terminals and PostgreSQL do not like: NUL, a lone surrogate,
 * control characters and a bidi override, in values and in text keys. Every command still succeeds,
 * shows the values escaped, and the JSON report still names each key exactly.
 */
class HostileDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SPEC =
      """
      name: notes
      owner: docs-team
      approvers: [alice]
      source: { table: public.notes, key: [id] }
      target: { database: ${db}, collection: notes, key: [_id] }
      fields:
        - { source: body, target: body, type: string, severity: high }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [], approvalTimeout: 1h }
      """;

  /** PostgreSQL text holds control characters but neither NUL nor a lone surrogate. */
  static final String CTL_KEY = "k\u0001ctl\u001b[2J";

  static final String NUL_KEY = "orphan\u0000nul";
  static final String LONE_KEY = "orphan\uD800lone";

  @Test
  void reportStatusAndHistorySucceedAndShowEscapedValues(@TempDir Path dir) throws Exception {
    try (CliFixture f = new CliFixture()) {
      f.sql(
          "create table notes (id text primary key, body text)",
          "insert into notes values (E'k\\001ctl\\033[2J', 'fine'), ('plain', 'fine'),"
              + " ('esc', E'red \\033[31m\\nnext line')");
      f.mongo
          .getDatabase(f.mongoDb)
          .getCollection("notes")
          .insertMany(
              List.of(
                  new Document("_id", CTL_KEY).append("body", "x\u0000y"),
                  new Document("_id", "plain").append("body", "lone\uD800x"),
                  new Document("_id", "esc").append("body", "\u202Eevil\u0007"),
                  new Document("_id", NUL_KEY).append("body", "o"),
                  new Document("_id", LONE_KEY).append("body", "o")));
      Path spec = f.write(dir, "notes.yaml", SPEC);
      // BSON strings are UTF-8 too: the driver stores a lone surrogate as U+FFFD. recon must
      // report exactly what the target holds.
      String loneStored = "orphan\uFFFDlone";
      assertEquals(
          1,
          f.mongo
              .getDatabase(f.mongoDb)
              .getCollection("notes")
              .countDocuments(new Document("_id", loneStored)));

      CliFixture.Run run = f.run("run", spec.toString(), "--wait");
      String cycle = run.firstLine();
      assertEquals(3, run.exit(), run.out() + run.err());
      assertInert(run.out());

      CliFixture.Run json = f.run("report", cycle, "--format", "json");
      assertEquals(3, json.exit(), json.err());
      assertInert(json.out());
      JsonNode report = JSON.readTree(json.out());
      Set<String> keys = new HashSet<>();
      for (JsonNode item : report.get("items")) {
        keys.add(item.get("key").get("id").asText());
      }
      // Exact keys, NUL and lone surrogate included, parsed back from the JSON escapes.
      assertEquals(Set.of(CTL_KEY, "plain", "esc", NUL_KEY, loneStored), keys, json.out());

      CliFixture.Run table = f.run("report", cycle);
      assertEquals(3, table.exit(), table.err());
      assertInert(table.out());
      assertTrue(table.out().contains("orphan\\u0000nul"), table.out());

      CliFixture.Run csv = f.run("report", cycle, "--format", "csv");
      assertEquals(3, csv.exit(), csv.err());
      assertInert(csv.out());
      assertEquals(6, csv.out().lines().count(), csv.out());
      assertTrue(csv.out().contains("k\\u0001ctl\\u001B[2J"), csv.out());

      CliFixture.Run status = f.run("status", cycle);
      assertEquals(3, status.exit(), status.err());
      assertInert(status.out());
      CliFixture.Run statusJson = f.run("status", cycle, "--json");
      assertEquals(3, statusJson.exit(), statusJson.err());
      assertInert(statusJson.out());

      CliFixture.Run history = f.run("history", "notes");
      assertEquals(0, history.exit(), history.err());
      assertTrue(history.out().contains(cycle), history.out());
      assertTrue(history.out().contains("body"), history.out());
      CliFixture.Run historyJson = f.run("history", "notes", "--json");
      assertEquals(0, historyJson.exit(), historyJson.err());
      assertInert(historyJson.out());

      // The values as the store keeps them for display: escaped, nothing lost to '?'.
      String fields = f.query("select string_agg(fields, ' ' order by id) from recon.discrepancy");
      assertTrue(fields.contains("x\\\\u0000y"), fields);
      assertTrue(fields.contains("lone\uFFFDx"), fields);
      assertTrue(fields.contains("\\\\u202eevil\\\\u0007"), fields);
      assertTrue(fields.contains("red \\\\u001b[31m\\\\nnext line"), fields);
    }
  }

  /** No character that acts on a terminal, and none that UTF-8 cannot carry. */
  private static void assertInert(String out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      boolean control = c < 0x20 && c != '\n' && c != '\r';
      assertFalse(
          control || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || c == '\u202e',
          String.format("U+%04X at %d in:%n%s", (int) c, i, out));
    }
  }
}
