package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The options every command shares, and the one context commands read the environment from. */
class CliSeamsTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    CommandLine cl = ReconCommand.commandLine(new CliContext(env));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code recon run ARGS} parsed (not run) in a context whose login is {@code user}. */
  private static RunCommand parsedRun(String user, String... args) {
    CommandLine cl = ReconCommand.commandLine(new CliContext(Map.of("USER", user)));
    List<String> line = new ArrayList<>(List.of("run", "spec.yaml"));
    line.addAll(List.of(args));
    cl.parseArgs(line.toArray(String[]::new));
    return cl.getSubcommands().get("run").getCommand();
  }

  /** Every command of the tree, by its qualified name ("recon schedule create"). */
  private static Map<String, CommandSpec> commands() {
    Map<String, CommandSpec> all = new TreeMap<>();
    collect(ReconCommand.commandLine(new CliContext(Map.of())), all);
    return all;
  }

  private static void collect(CommandLine cl, Map<String, CommandSpec> all) {
    all.put(cl.getCommandSpec().qualifiedName(), cl.getCommandSpec());
    cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
  }

  @Test
  void runTakesTheNameOfWhoStartsItFromByOrFromTheHiddenOldInitiator() {
    assertEquals("alice", parsedRun("login", "--by", "alice").initiator());
    assertEquals("bob", parsedRun("login", "--initiator", "bob").initiator());
    assertEquals("login", parsedRun("login").initiator());
  }

  @Test
  void runGivenBothByAndInitiatorIsBadUsageInOneLineBeforeTheSpecIsRead() {
    Run r = run(Map.of(), "run", "no-such-spec.yaml", "--by", "alice", "--initiator", "bob");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertEquals(
        List.of(
            "recon: --initiator is the old name of --by; give one of them, not both",
            "Try 'recon run --help'."),
        r.err().lines().toList());
  }

  @Test
  void anEmptyNameIsBadUsageForByAndForInitiator() {
    for (String option : new String[] {"--by", "--initiator"}) {
      Run r = run(Map.of(), "run", "no-such-spec.yaml", option, " ");
      assertEquals(ExitCodes.USAGE, r.exit(), r.err());
      assertEquals("recon: " + option + " needs a name, not an empty one", r.err().strip());
    }
  }

  @Test
  void theLoginNameComesFromTheContextAndOperatorWithoutOne() {
    assertEquals("carol", parsedRun("carol").initiator());
    CommandLine cl = ReconCommand.commandLine(new CliContext(Map.of()));
    cl.parseArgs("cancel", "some-cycle");
    assertEquals(
        "operator", ((CancelCommand) cl.getSubcommands().get("cancel").getCommand()).actor.name());
  }

  @Test
  void runHelpShowsByAndHidesInitiator() {
    Run r = run(Map.of(), "run", "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("--by=NAME"), r.out());
    assertFalse(r.out().contains("--initiator"), r.out());
    // --version N is a spec version here, so --help must not depend on picocli's standard pair.
    Run show = run(Map.of(), "spec", "show", "--help");
    assertEquals(0, show.exit(), show.err());
    assertTrue(show.out().contains("--version=N"), show.out());
  }

  @Test
  void everyCommandThatNamesAPersonSaysBy() {
    Set<String> withBy = new TreeSet<>();
    for (CommandSpec c : commands().values()) {
      for (OptionSpec o : c.options()) {
        if (o.hidden()) {
          continue;
        }
        for (String name : o.names()) {
          assertFalse(
              Set.of("--initiator", "--approver", "--actor", "--operator", "--user", "--who")
                  .contains(name),
              c.qualifiedName() + " names a person with " + name);
        }
        if (o.longestName().equals("--by")) {
          assertEquals("NAME", o.paramLabel(), c.qualifiedName());
          withBy.add(c.qualifiedName());
        }
      }
    }
    assertEquals(
        Set.of(
            "recon approve",
            "recon cancel",
            "recon feed start",
            "recon feed stop",
            "recon prune",
            "recon reject",
            "recon rollback",
            "recon run",
            "recon schedule create",
            "recon schedule trigger",
            "recon spec apply"),
        withBy);
  }

  @Test
  void everyJsonFlagIsTheSharedOneWithOneHelpText() {
    Set<String> withJson = new TreeSet<>();
    Set<String> descriptions = new TreeSet<>();
    for (CommandSpec c : commands().values()) {
      OptionSpec json = c.findOption("--json");
      if (json != null) {
        withJson.add(c.qualifiedName());
        descriptions.add(String.join(" ", json.description()));
      }
    }
    assertEquals(
        Set.of(
            "recon audit verify",
            "recon feed start",
            "recon feed status",
            "recon feed stop",
            "recon history",
            "recon prune",
            "recon rollback",
            "recon run",
            "recon schedule list",
            "recon spec apply",
            "recon spec diff",
            "recon spec list",
            "recon spec show",
            "recon status"),
        withJson);
    assertEquals(1, descriptions.size(), descriptions.toString());
  }

  @Test
  void theContextKeepsItsOwnCopyOfTheEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(Map.of("USER", "dave"));
    CliContext context = new CliContext(env);
    env.put("USER", "eve");
    assertEquals("dave", context.login());
    assertThrows(UnsupportedOperationException.class, () -> context.env().put("USER", "eve"));
  }
}
