package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReconCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = ReconCommand.commandLine(new CliContext(Map.of()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void helpListsTheSubcommandsAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.exit());
    for (String sub : new String[] {"worker", "migrate"}) {
      assertTrue(r.out().contains("  " + sub + " "), sub + " missing from:\n" + r.out());
    }
    assertTrue(r.out().contains("the audit chain is broken"), r.out());
  }

  @Test
  void productionHelpListsNoDevKitCommand() {
    Run r = run("--help");
    // The commands, not the environment footer (which names RECON_DEV_* "of recon dev").
    String commands = r.out().substring(0, r.out().indexOf("Environment (details"));
    for (String sub : new String[] {"dev", "demo", "bench", "chaos"}) {
      assertFalse(commands.contains("  " + sub + " "), sub + " listed in:\n" + commands);
    }
  }

  @Test
  void aDevKitCommandSaysInOneLineThatItIsInTheDevKit() {
    for (String[] args :
        new String[][] {
          {"demo"}, {"dev", "--temporal-port", "1"}, {"bench", "--help"}, {"chaos"}
        }) {
      Run r = run(args);
      assertEquals(ExitCodes.USAGE, r.exit(), args[0]);
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(
          r.err().startsWith("recon: '" + args[0] + "' is in the dev kit, not in this production"),
          r.err());
      assertEquals("", r.out());
    }
  }

  @Test
  void unknownOptionIsBadUsageWithExitTwo() {
    Run r = run("--no-such-option");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("Unknown option"), r.err());
    assertTrue(r.err().contains("recon --help"), r.err());
  }

  @Test
  void versionNamesTheProduct() {
    Run r = run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().startsWith("recon "), r.out());
  }

  @Test
  void aHostileCycleIdExitsTwoWithOneLineBeforeAnythingIsStarted() {
    for (String id : new String[] {"x; touch f #", "$(id)", "-rf", "a b", "a\nb", "é"}) {
      Run r = run("run", "no-such-spec.yaml", "--id", id);
      assertEquals(ExitCodes.USAGE, r.exit(), id);
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("recon: --id: cycle id '"), r.err());
      assertTrue(first.contains("is refused: an id is 1-128 ASCII letters, digits"), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void specCheckRefusesAWritingQueryWithFileLineAndColumnBeforeConnecting(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("evil.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        name: evil
        owner: o
        source:
          query: "select id, email from customers) q; delete from canary; select * from (select 1"
          key: [id]
        target: { database: crm, collection: c, key: [_id] }
        fields:
          - { source: email, target: email, type: string }
        """);
    for (String[] args :
        new String[][] {
          {"spec", "check", file.toString()}, {"spec", "check", "--connect", file.toString()}
        }) {
      Run r = run(args);
      assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
      assertTrue(
          r.err().startsWith(file + ":4:42: source.query: ')' closes a parenthesis"), r.err());
    }
  }
}
