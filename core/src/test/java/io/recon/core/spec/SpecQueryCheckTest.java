package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source.query} is checked where every entry point loads a spec, and located in the file.
 */
class SpecQueryCheckTest {
  private static final String TAIL =
      "  key: [id]\n"
          + "target: { database: crm, collection: c, key: [_id] }\n"
          + "fields:\n"
          + "  - { source: email, target: email, type: string }\n";

  @Test
  void theDemoSpecAndItsJoinQueryLoad() throws Exception {
    Path demo = Path.of("../dev/src/main/resources/demo/customer-profiles.yaml");
    JobSpec spec = SpecLoader.parse(Files.readString(demo), demo.toString());
    assertTrue(spec.source().query().contains("json_agg"));
  }

  @Test
  void aDataModifyingCteInAFoldedQueryIsReportedAtItsLineAndColumn(@TempDir Path dir)
      throws Exception {
    String yaml =
        "name: j\nowner: o\nsource:\n"
            + "  query: >\n"
            + "    with gone as (\n"
            + "      delete from canary returning id)\n"
            + "    select id, email from gone\n"
            + TAIL;
    Path file = dir.resolve("evil.yaml");
    Files.writeString(file, yaml);
    SpecCheckResult result = SpecCheck.run(Files.readString(file), file.toString());
    assertEquals(SpecCheck.INVALID, result.exitCode());
    assertTrue(
        result
            .report()
            .startsWith(file + ":6:7: source.query: 'delete' belongs to a data-modifying"),
        result.report());
  }

  @Test
  void aStackedStatementInAPlainQueryIsReportedAtTheSemicolon() {
    String yaml =
        "name: j\nowner: o\nsource:\n"
            + "  query: \"select 1 as id, 'x' as email) q; delete from canary; select * from (select 1\"\n"
            + TAIL;
    SpecException e = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "s.yaml"));
    assertEquals(1, e.problems().size());
    SpecProblem p = e.problems().get(0);
    assertEquals("source.query", p.key());
    assertEquals(4, p.line());
    assertEquals(39, p.column(), p.toString());
    assertTrue(p.message().contains("subquery recon wraps it in"), p.message());
  }

  @Test
  void aLiteralBlockQueryPointsAtTheRowLock() {
    String yaml =
        "name: j\nowner: o\nsource:\n"
            + "  query: |\n"
            + "    select id, email\n"
            + "    from t for update\n"
            + TAIL;
    SpecException e = assertThrows(SpecException.class, () -> SpecLoader.parse(yaml, "s.yaml"));
    assertEquals(
        "s.yaml:6:12: source.query: row locks (FOR UPDATE/SHARE) are refused: recon only reads",
        e.problems().get(0).toString());
  }
}
