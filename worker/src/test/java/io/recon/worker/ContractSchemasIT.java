package io.recon.worker;

import static io.recon.worker.contract.ContractSchemas.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.activities.store.SpecRegistry;
import io.recon.worker.contract.ContractSchemas;
import io.recon.worker.contract.HistoryPayloads;
import io.recon.workflows.approval.Verdict;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The payloads the Java clients really send (CycleClient, as {@code recon run}, {@code approve} and
 * {@code cancel} use it) and the answers the workflow really gives, read back from the workflow's
 * history and through the SDK's converter, conform to the published schemas in docs/contract: the
 * contract and the code cannot drift apart unnoticed.
 */
class ContractSchemasIT {
  private static final String SPEC =
      """
      name: %s
      owner: finance-team
      approvers: [alice]
      source: { table: public.ledger, key: [id] }
      target: { database: ${db}, collection: ledger, key: [_id] }
      fields:
        - { source: memo, target: memo, type: string, severity: low }
        - { source: amount, target: amount, type: decimal, scale: 2, severity: high }
      partitions: 2
      parallelism: 2
      settle: 0s
      repair: { auto: [low], approvalTimeout: 1h, maxDivergenceRatio: 0.5 }
      """;

  /** 20 rows; the memo of row 1 differs (low), the amounts of rows 2 to 4 (high). */
  static void seed(CycleFixture f) {
    f.sql(
        "create table ledger (id int primary key, memo text, amount numeric(12,2))",
        "insert into ledger select g, 'memo ' || g, g * 10 from generate_series(1, 20) g");
    List<Document> docs = new ArrayList<>();
    for (int id = 1; id <= 20; id++) {
      docs.add(
          new Document("_id", id)
              .append("memo", id == 1 ? "stale" : "memo " + id)
              .append(
                  "amount",
                  new org.bson.types.Decimal128(
                      java.math.BigDecimal.valueOf(id * 10L + (id >= 2 && id <= 4 ? 1 : 0)))));
    }
    f.collection("ledger").insertMany(docs);
  }

  static CycleStatus awaitHeld(CycleFixture f, String cycleId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        CycleStatus s = f.cycles.queryStatus(cycleId);
        if (s.state() == CycleState.AWAITING_APPROVAL) {
          return s;
        }
        assertFalse(s.state().closed(), "the cycle closed before awaiting approval: " + s);
      } catch (RuntimeException notYet) {
        // the first workflow task may not have run
      }
      Thread.sleep(100);
    }
    throw new AssertionError("cycle " + cycleId + " never awaited approval");
  }

  static String firstPending(CycleFixture f, String cycleId) {
    return f.rows(
            "select min(id) from recon.discrepancy where cycle_id = '"
                + cycleId
                + "' and status = 'PENDING_APPROVAL'")
        .get(0)
        .get(0);
  }

  /** A value as the SDK's converter writes it into a payload. */
  private static JsonNode converted(Object value) throws IOException {
    byte[] data =
        DefaultDataConverter.newDefaultInstance()
            .toPayload(value)
            .orElseThrow()
            .getData()
            .toByteArray();
    return ContractSchemas.JSON.readTree(data);
  }

  @Test
  void aCycleStartedByNameAndDecidedByUpdateAndSignalSpeaksTheContract() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      String yaml = SPEC.formatted("contract").replace("${db}", f.mongoDb);
      new SpecRegistry(f.worker.resources().store(), Clock.systemUTC())
          .apply(f.spec(yaml), yaml, "alice");
      String cycleId = f.cycles.startByName("contract", null, Mode.FULL, "contract-it", null);
      awaitHeld(f, cycleId);
      String first = firstPending(f, cycleId);

      // The request recon approve sends.
      Map<String, Object> approve = new LinkedHashMap<>();
      approve.put("action", "approve");
      approve.put("approver", "alice");
      approve.put("reason", "checked");
      approve.put("ids", List.of(first, "no-such-id"));
      approve.put("requestId", "contract-1");
      Verdict granted = f.cycles.decide(cycleId, approve, Duration.ofSeconds(60)).orElseThrow();
      assertEquals(1, granted.applied(), granted.toString());
      assertValid(ContractSchemas.VERDICT, converted(granted));

      Verdict refused =
          f.cycles
              .decide(
                  cycleId,
                  Map.of("action", "approve", "approver", "mallory", "requestId", "contract-2"),
                  Duration.ofSeconds(60))
              .orElseThrow();
      assertFalse(refused.accepted(), refused.toString());
      assertValid(ContractSchemas.VERDICT, converted(refused));

      Map<String, Object> malformed = Map.of("action", "merge", "approver", "alice");
      assertThrows(
          IllegalArgumentException.class,
          () -> f.cycles.decide(cycleId, malformed, Duration.ofSeconds(60)));
      ContractSchemas.assertRefused(
          ContractSchemas.DECIDE, ContractSchemas.JSON.writeValueAsString(malformed));

      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.APPROVE,
          Map.of("approver", "alice", "reason", "the rest", "requestId", "contract-3"));
      CycleResult result = f.await(cycleId);
      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(4, result.repairs().repaired());
      assertValid(ContractSchemas.RESULT, converted(result));

      HistoryPayloads history = HistoryPayloads.of(f.worker.resources().client(), cycleId);
      assertValid(ContractSchemas.START, history.start());
      assertEquals("contract", history.start().get("spec").asText());
      assertEquals(2, history.updateRequests().size(), "the malformed update never got in");
      history.updateRequests().forEach(r -> assertValid(ContractSchemas.DECIDE, r));
      assertEquals(2, history.updateAnswers().size(), "each accepted update's verdict");
      history.updateAnswers().forEach(a -> assertValid(ContractSchemas.VERDICT, a));
      List<JsonNode> signals = history.signals(ReconciliationWorkflow.APPROVE);
      assertEquals(1, signals.size(), history.signals().toString());
      signals.forEach(s -> assertValid(ContractSchemas.SIGNAL_DECISION, s));
      assertValid(ContractSchemas.RESULT, history.result());
    }
  }

  @Test
  void anInlineSpecStartAndACancelSpeakTheContract() throws Exception {
    try (CycleFixture f = new CycleFixture()) {
      seed(f);
      Map<String, Object> spec =
          new Yaml().load(SPEC.formatted("contract-inline").replace("${db}", f.mongoDb));
      String cycleId = "recon-contract-inline-it";
      WorkflowClient client = f.worker.resources().client();
      client
          .newUntypedWorkflowStub(
              ReconciliationWorkflow.TYPE,
              WorkflowOptions.newBuilder().setTaskQueue(f.taskQueue).setWorkflowId(cycleId).build())
          .start(Map.of("spec", spec, "mode", "full", "initiator", "contract-it"));
      awaitHeld(f, cycleId);

      assertTrue(f.cycles.cancel(cycleId, "contract-it", "no longer needed"));
      ExecutionException ended =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .newUntypedWorkflowStub(cycleId)
                      .getResultAsync(CycleResult.class)
                      .get(120, TimeUnit.SECONDS));
      assertTrue(ended.getCause() != null, ended.toString());

      HistoryPayloads history = HistoryPayloads.of(client, cycleId);
      assertValid(ContractSchemas.START, history.start());
      assertTrue(history.start().get("spec").isObject());
      List<JsonNode> cancels = history.signals(ReconciliationWorkflow.CANCEL);
      assertEquals(1, cancels.size(), history.signals().toString());
      assertValid(ContractSchemas.SIGNAL_CANCEL, cancels.get(0));
      assertEquals(
          List.of(List.of("CANCELLED")),
          f.rows("select status from recon.cycle where cycle_id = '" + cycleId + "'"));
    }
  }
}
