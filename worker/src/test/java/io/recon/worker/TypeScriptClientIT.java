package io.recon.worker;

import static io.recon.worker.contract.ContractSchemas.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.activities.store.SpecRegistry;
import io.recon.embedded.testing.SharedEngines;
import io.recon.worker.contract.ContractSchemas;
import io.recon.worker.contract.HistoryPayloads;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The second client, tested: examples/typescript, built with npm and run with node against the
 * embedded stack, starts a cycle by spec name, follows {@code status}, approves one held repair
 * through the {@code decide} update, has a malformed update refused, approves the rest through the
 * {@code approve} signal and awaits the result. Every step is bounded by a timeout; node and npm
 * must be on the PATH.
 */
class TypeScriptClientIT {
  private static final String APPROVER = "ts-approver";
  private static final Duration INSTALL = Duration.ofMinutes(5);
  private static final Duration BUILD = Duration.ofMinutes(3);
  private static final Duration RUN = Duration.ofMinutes(3);

  @Test
  void theTypeScriptExampleRunsACycleThroughTheUpdateAndTheSignal() throws Exception {
    requireTool("node");
    requireTool("npm");
    Path project = copyExample();
    Path logs = project.resolve("logs");
    Files.createDirectories(logs);
    run(project, logs, "npm-ci", INSTALL, "npm", "ci", "--no-audit", "--no-fund");
    run(project, logs, "tsc", BUILD, "npx", "--no-install", "tsc");

    try (CycleFixture f = new CycleFixture()) {
      ContractSchemasIT.seed(f);
      String yaml =
          """
          name: ts-ledger
          owner: finance-team
          approvers: [alice, %s]
          source: { table: public.ledger, key: [id] }
          target: { database: %s, collection: ledger, key: [_id] }
          fields:
            - { source: memo, target: memo, type: string, severity: low }
            - { source: amount, target: amount, type: decimal, scale: 2, severity: high }
          partitions: 2
          parallelism: 2
          settle: 0s
          repair: { auto: [low], approvalTimeout: 1h, maxDivergenceRatio: 0.5 }
          """
              .formatted(APPROVER, f.mongoDb);
      new SpecRegistry(f.worker.resources().store(), Clock.systemUTC())
          .apply(f.spec(yaml), yaml, "alice");

      Map<String, String> env = new java.util.HashMap<>();
      env.put("TEMPORAL_ADDRESS", SharedEngines.temporal().address());
      env.put("TEMPORAL_NAMESPACE", "default");
      env.put("RECON_TASK_QUEUE", f.taskQueue);
      env.put("CYCLE_SPEC", "ts-ledger");
      env.put("CYCLE_INITIATOR", "ts-service");
      env.put("CYCLE_APPROVER", APPROVER);
      env.put("CYCLE_APPROVE_IDS", "first-pending");
      env.put("CYCLE_TIMEOUT_SECONDS", "150");
      Process process = node(project, logs.resolve("node.err"), env).start();
      List<JsonNode> events = new ArrayList<>();
      try {
        BlockingQueue<String> lines = lines(process);
        JsonNode held = nextEvent(lines, process, logs, "awaiting-approval");
        events.add(held);
        String cycleId = held.get("cycleId").asText();
        assertEquals(3, held.get("pendingApproval").asLong(), held.toString());
        // The client takes the id it approves from the status query's pending items, which list
        // what the store holds for a decision.
        JsonNode pendingIds = held.get("pendingIds");
        assertEquals(3, pendingIds.size(), held.toString());
        List<String> stored =
            f
                .rows(
                    "select id from recon.discrepancy where cycle_id = '"
                        + cycleId
                        + "' and status = 'PENDING_APPROVAL'")
                .stream()
                .map(r -> r.get(0))
                .sorted()
                .toList();
        List<String> listed = new ArrayList<>();
        pendingIds.forEach(id -> listed.add(id.asText()));
        assertEquals(stored, listed.stream().sorted().toList(), held.toString());
        String first = listed.get(0);
        JsonNode result = nextEvent(lines, process, logs, "result");
        events.add(result);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node did not exit after its result");
        assertEquals(0, process.exitValue(), tail(logs.resolve("node.err")));

        JsonNode verdict = result.get("verdict");
        assertEquals(true, verdict.get("accepted").asBoolean(), verdict.toString());
        assertEquals(1, verdict.get("applied").asLong(), verdict.toString());
        assertEquals(first, verdict.get("decided").get(0).asText(), verdict.toString());
        assertEquals(APPROVER, verdict.get("approver").asText());
        assertValid(ContractSchemas.VERDICT, verdict);
        String malformed = result.get("malformedRefused").asText();
        assertTrue(
            malformed.startsWith("decide refused:") && malformed.contains("merge"), malformed);
        assertEquals("COMPLETED", result.get("state").asText(), result.toString());
        assertEquals(4, result.get("repairs").get("repaired").asLong(), result.toString());
        assertEquals(0, result.get("repairs").get("pendingApproval").asLong());

        assertEquals(
            List.of(List.of("HIGH", "REPAIRED", "3"), List.of("LOW", "REPAIRED", "1")),
            f.rows(
                "select severity, status, count(*) from recon.discrepancy where cycle_id = '"
                    + cycleId
                    + "' group by severity, status order by severity"));
        assertEquals(
            List.of(List.of(APPROVER, "2")),
            f.rows(
                "select actor, count(*) from recon.audit_event where cycle_id = '"
                    + cycleId
                    + "' and action = 'approval.granted' group by actor"),
            "one approval.granted per decision, by the TypeScript approver");
        assertEquals(
            List.of(List.of("ts-service")),
            f.rows("select initiator from recon.cycle where cycle_id = '" + cycleId + "'"));

        // What the TypeScript SDK put on the wire conforms to the published contract.
        HistoryPayloads history = HistoryPayloads.of(f.worker.resources().client(), cycleId);
        assertValid(ContractSchemas.START, history.start());
        assertEquals(
            ContractSchemas.parse(
                "{\"spec\": \"ts-ledger\", \"mode\": \"full\", \"initiator\": \"ts-service\"}"),
            history.start());
        assertEquals(1, history.updateRequests().size(), "the malformed update never got in");
        assertValid(ContractSchemas.DECIDE, history.updateRequests().get(0));
        List<JsonNode> signals = history.signals(ReconciliationWorkflow.APPROVE);
        assertEquals(1, signals.size(), history.signals().toString());
        assertValid(ContractSchemas.SIGNAL_DECISION, signals.get(0));
        assertEquals(result.get("signalRequestId"), signals.get(0).get("requestId"));
        assertValid(ContractSchemas.RESULT, history.result());
      } finally {
        if (process.isAlive()) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      }

      // A spec the registry does not have: the workflow fails at once, the client says so in one
      // line and exits 1, without waiting for its timeout.
      env.put("CYCLE_SPEC", "ghost");
      assertEquals(1, exitOf(node(project, logs.resolve("ghost.err"), env)));
      String ghost = tail(logs.resolve("ghost.err"));
      assertTrue(ghost.contains("unknown spec 'ghost'"), ghost);
      // A configuration error: exit 2 and one line naming the variable.
      env.remove("CYCLE_APPROVER");
      env.put("CYCLE_SPEC", "ts-ledger");
      assertEquals(2, exitOf(node(project, logs.resolve("config.err"), env)));
      assertEquals(
          "recon-ts: CYCLE_APPROVER is required: one of the spec's approvers",
          tail(logs.resolve("config.err")));
    }
  }

  /** {@code node dist/main.js} in {@code project} with {@code env}, stderr to {@code err}. */
  private static ProcessBuilder node(Path project, Path err, Map<String, String> env) {
    ProcessBuilder node =
        new ProcessBuilder("node", "dist/main.js")
            .directory(project.toFile())
            .redirectError(err.toFile());
    node.environment().putAll(env);
    if (!env.containsKey("CYCLE_APPROVER")) {
      node.environment().remove("CYCLE_APPROVER");
    }
    return node;
  }

  /** Runs the client to its end within the run's bound; its exit code. */
  private static int exitOf(ProcessBuilder node) throws IOException, InterruptedException {
    Process p = node.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    if (!p.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail("the TypeScript client did not end within " + RUN);
    }
    return p.exitValue();
  }

  /** The example's sources, without node_modules or dist, in a fresh directory under target/. */
  private static Path copyExample() throws IOException {
    Path source = ContractSchemas.repositoryRoot().resolve("examples").resolve("typescript");
    if (!Files.isRegularFile(source.resolve("package-lock.json"))) {
      fail("examples/typescript/package-lock.json not found under " + source);
    }
    Path target = Path.of("target", "ts-client").toAbsolutePath();
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path rel = source.relativize(p);
        if (rel.startsWith("node_modules") || rel.startsWith("dist")) {
          continue;
        }
        Path to = target.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return target;
  }

  private static void requireTool(String tool) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        fail(tool + " --version did not succeed; TypeScriptClientIT needs node and npm");
      }
    } catch (IOException e) {
      fail(
          "TypeScriptClientIT needs '"
              + tool
              + "' on the PATH to build and run examples/typescript (node >= 18 and npm): "
              + e.getMessage());
    }
  }

  /** Runs one build step to completion within {@code timeout}, its output in logs/NAME.log. */
  private static void run(Path dir, Path logs, String name, Duration timeout, String... command)
      throws IOException, InterruptedException {
    Path log = logs.resolve(name + ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(String.join(" ", command) + " took longer than " + timeout + ":\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + tail(log));
    }
  }

  /** The process's stdout, line by line, read on a daemon thread. */
  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "ts-client-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The next stdout line, which must be the JSON event {@code event}, within the run's bound. */
  private static JsonNode nextEvent(
      BlockingQueue<String> lines, Process process, Path logs, String event)
      throws InterruptedException {
    String line = lines.poll(RUN.toSeconds(), TimeUnit.SECONDS);
    if (line == null) {
      fail(
          "no '"
              + event
              + "' line from the TypeScript client (alive: "
              + process.isAlive()
              + "):\n"
              + tail(logs.resolve("node.err")));
    }
    JsonNode node = ContractSchemas.parse(line);
    assertEquals(event, node.path("event").asText(), line + "\n" + tail(logs.resolve("node.err")));
    return node;
  }

  private static String tail(Path log) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
