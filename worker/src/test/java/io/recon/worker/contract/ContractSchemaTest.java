package io.recon.worker.contract;

import static io.recon.worker.contract.ContractSchemas.DECIDE;
import static io.recon.worker.contract.ContractSchemas.ESCALATION;
import static io.recon.worker.contract.ContractSchemas.RESULT;
import static io.recon.worker.contract.ContractSchemas.SIGNAL_CANCEL;
import static io.recon.worker.contract.ContractSchemas.SIGNAL_DECISION;
import static io.recon.worker.contract.ContractSchemas.START;
import static io.recon.worker.contract.ContractSchemas.VERDICT;
import static io.recon.worker.contract.ContractSchemas.assertRefused;
import static io.recon.worker.contract.ContractSchemas.assertValid;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The schemas accept the documented examples and refuse what the workflow refuses. The payloads the
 * code really sends and returns are checked against the same files by ContractSchemasIT and
 * TypeScriptClientIT.
 */
class ContractSchemaTest {
  private static final String INLINE =
      """
      {"name": "orders", "owner": "shop-team", "approvers": ["alice"],
       "source": {"table": "public.orders", "key": ["id"]},
       "target": {"database": "shop", "collection": "orders", "key": ["_id"]},
       "fields": [{"source": "status", "target": "status", "type": "string", "severity": "high"}],
       "settle": "30s"}
      """;

  private static final String ESCALATION_EXAMPLE =
      """
      {"schemaVersion": 1, "id": "recon-orders-20260302T120000Z/approval.waiting",
       "event": "approval.waiting", "occurredAt": "2026-03-02T12:05:00Z", "spec": "orders",
       "owner": "sakila-crm", "cycle": "recon-orders-20260302T120000Z",
       "summary": "3 repairs wait for approval by [alice, bob] until 2026-03-03T12:05:00Z",
       "counts": {"pendingApproval": 3, "repaired": 1, "discrepancies": 4, "compared": 1000},
       "approvers": ["alice", "bob"],
       "approve": "recon approve recon-orders-20260302T120000Z --by NAME --reason TEXT",
       "reject": "recon reject recon-orders-20260302T120000Z --by NAME --reason TEXT",
       "temporalUi": null, "failure": null}
      """;

  @Test
  void theEscalationMessageOfTheOperationsGuideConformsAndItsVariantsAreChecked() {
    assertValid(ESCALATION, ESCALATION_EXAMPLE);
    assertValid(
        ESCALATION,
        ESCALATION_EXAMPLE
            .replace("approval.waiting", "cycle.failed")
            .replace(
                "\"failure\": null", "\"failure\": {\"type\": \"BAD_SPEC\", \"reason\": \"x\"}"));
    assertRefused(ESCALATION, ESCALATION_EXAMPLE.replace("approval.waiting", "approval.pending"));
    assertRefused(ESCALATION, ESCALATION_EXAMPLE.replace("\"pendingApproval\": 3", "\"p\": \"3\""));
    assertRefused(ESCALATION, ESCALATION_EXAMPLE.replace("\"failure\": null", "\"failure\": {}"));
    assertRefused(
        ESCALATION, ESCALATION_EXAMPLE.replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"));
    assertRefused(ESCALATION, ESCALATION_EXAMPLE.replace("\"temporalUi\": null, ", ""));
  }

  @Test
  void anInlineSpecMayNameEscalationEndpoints() {
    String withEscalation =
        INLINE.replace(
            "\"settle\": \"30s\"}",
            "\"settle\": \"30s\", \"escalation\": {\"webhook\": \"https://h.example/x\","
                + " \"driftAfter\": \"3d\"}}");
    assertValid(START, "{\"spec\": " + withEscalation + ", \"initiator\": \"b\"}");
    assertRefused(
        START,
        "{\"spec\": "
            + withEscalation.replace("https://h.example/x", "h.example/x")
            + ", \"initiator\": \"b\"}");
  }

  @Test
  void theStartInputTakesANameOrAnInlineSpec() {
    assertValid(
        START, "{\"spec\": \"customer-profiles\", \"mode\": \"full\", \"initiator\": \"billing\"}");
    assertValid(
        START,
        "{\"spec\": \"customer-profiles\", \"version\": 3, \"mode\": \"INCREMENTAL\","
            + " \"initiator\": \"billing\", \"settle\": \"500ms\"}");
    assertValid(START, "{\"spec\": \"orders\", \"initiator\": \"billing\"}");
    assertValid(START, "{\"spec\": " + INLINE + ", \"mode\": \"full\", \"initiator\": \"b\"}");
  }

  @Test
  void theStartInputRefusesWhatTheWorkflowRefuses() {
    assertRefused(START, "{\"spec\": \"orders\", \"mod\": \"full\", \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": \"orders\"}");
    assertRefused(START, "{\"spec\": \"orders\", \"initiator\": \"  \"}");
    assertRefused(START, "{\"spec\": \"orders\", \"version\": 0, \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": \"orders\", \"version\": \"2\", \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": \"orders\", \"mode\": \"sometimes\", \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": \"orders\", \"settle\": \"30\", \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": \"Orders!\", \"initiator\": \"b\"}");
    assertRefused(START, "{\"spec\": 7, \"initiator\": \"b\"}");
    assertRefused(START, "[\"orders\"]");
    assertRefused(START, "{\"spec\": " + INLINE + ", \"version\": 1, \"initiator\": \"b\"}");
    assertRefused(
        START,
        "{\"spec\": " + INLINE.replace("\"string\"", "\"strin\"") + ", \"initiator\": \"b\"}");
    assertRefused(
        START, "{\"spec\": " + INLINE.replace("\"high\"", "\"HIGH\"") + ", \"initiator\": \"b\"}");
    assertRefused(
        START, "{\"spec\": " + INLINE.replace("\"owner\"", "\"ownr\"") + ", \"initiator\": \"b\"}");
    assertRefused(
        START,
        "{\"spec\": "
            + INLINE.replace("\"table\": \"public.orders\", ", "")
            + ", \"initiator\": \"b\"}");
  }

  @Test
  void decideTakesTheDocumentedRequestAndRefusesAMalformedOne() {
    assertValid(
        DECIDE,
        "{\"action\": \"approve\", \"approver\": \"alice\", \"reason\": \"checked with CRM owner\","
            + " \"ids\": [\"12\", \"13\"], \"requestId\": \"b3c1\"}");
    assertValid(DECIDE, "{\"action\": \"reject\", \"approver\": \"alice\"}");
    assertRefused(DECIDE, "{\"action\": \"merge\", \"approver\": \"alice\"}");
    assertRefused(DECIDE, "{\"approver\": \"alice\"}");
    assertRefused(DECIDE, "{\"action\": \"approve\", \"approver\": \"alice\", \"ids\": \"12\"}");
    assertRefused(DECIDE, "{\"action\": \"approve\", \"approver\": \"alice\", \"ids\": [12]}");
    assertRefused(
        DECIDE, "{\"action\": \"approve\", \"approver\": \"alice\", \"ids\": " + ids(51) + "}");
    assertRefused(
        DECIDE,
        "{\"action\": \"approve\", \"approver\": \"alice\", \"requestId\": \""
            + "r".repeat(65)
            + "\"}");
    assertRefused(DECIDE, "\"approve\"");
  }

  @Test
  void theDecisionSignalsTakeTheDocumentedPayload() {
    assertValid(
        SIGNAL_DECISION,
        "{\"approver\": \"alice\", \"reason\": \"...\", \"ids\": [\"1\"], \"requestId\": \"r1\"}");
    assertValid(SIGNAL_DECISION, "{\"approver\": \"alice\", \"requestId\": 42}");
    assertRefused(SIGNAL_DECISION, "{\"reason\": \"nobody\"}");
    assertRefused(SIGNAL_DECISION, "{\"approver\": \"alice\", \"ids\": " + ids(51) + "}");
    assertRefused(SIGNAL_DECISION, "{\"approver\": 5}");
  }

  @Test
  void theCancelSignalNamesWhoCancels() {
    assertValid(SIGNAL_CANCEL, "{\"by\": \"billing-service\", \"reason\": \"deploy\"}");
    assertRefused(SIGNAL_CANCEL, "{\"reason\": \"deploy\"}");
    assertRefused(SIGNAL_CANCEL, "\"alice\"");
  }

  @Test
  void theVerdictIsTheDocumentedAnswer() {
    assertValid(
        VERDICT,
        "{\"requestId\": \"b3c1\", \"action\": \"approve\", \"approver\": \"alice\","
            + " \"accepted\": true, \"applied\": 1, \"decided\": [\"12\"],"
            + " \"refused\": [{\"id\": \"13\", \"reason\": \"not pending approval\"}],"
            + " \"refusal\": null}");
    assertRefused(
        VERDICT,
        "{\"requestId\": \"b3c1\", \"action\": \"approve\", \"approver\": \"alice\","
            + " \"accepted\": false, \"applied\": 0, \"decided\": [], \"refused\": [],"
            + " \"refusal\": null}");
    assertRefused(
        VERDICT,
        "{\"requestId\": \"b3c1\", \"action\": \"approve\", \"approver\": \"alice\","
            + " \"applied\": 1, \"decided\": [], \"refused\": [], \"refusal\": null}");
  }

  @Test
  void theResultRefusesAMissingOrUnknownMember() {
    String counts =
        "{\"sourceRecords\": 1, \"targetRecords\": 1, \"compared\": 1, \"missing\": 0,"
            + " \"orphan\": 0, \"mismatch\": 0, \"transientCount\": 0, \"low\": 0, \"medium\": 0,"
            + " \"high\": 0, \"duplicate\": 0, \"invalidKey\": 0}";
    String repairs =
        "{\"repaired\": 0, \"pendingApproval\": 0, \"rejected\": 0, \"expired\": 0,"
            + " \"skippedConcurrentChange\": 0, \"failed\": 0, \"unresolved\": 0, \"reported\": 0}";
    String gate =
        "{\"tripped\": false, \"ratio\": 0.0, \"threshold\": 0.05, \"repairs\": 0,"
            + " \"maxRepairs\": 100000}";
    String result =
        "{\"cycleId\": \"recon-orders-20261127T064200.117Z-0k7f3m9q\", \"state\": \"COMPLETED\","
            + " \"counts\": %s, \"repairs\": %s, \"gate\": %s, \"message\": null}";
    assertValid(RESULT, result.formatted(counts, repairs, gate));
    assertRefused(RESULT, result.formatted(counts, repairs, gate).replace("COMPLETED", "DONE"));
    assertRefused(RESULT, result.formatted(counts.replace("\"low\": 0, ", ""), repairs, gate));
    assertRefused(RESULT, result.formatted(counts, repairs.replace("{", "{\"extra\": 1, "), gate));
    assertRefused(RESULT, result.formatted(counts, repairs, gate).replace("0.05", "\"0.05\""));
  }

  @Test
  void theClientGuideReferencesEverySchema() throws Exception {
    String guide = Files.readString(ContractSchemas.repositoryRoot().resolve("docs/client.md"));
    for (String name : List.of(START, RESULT, DECIDE, VERDICT, SIGNAL_DECISION, SIGNAL_CANCEL)) {
      assertTrue(
          guide.contains("contract/" + name + ".schema.json"),
          "docs/client.md does not reference contract/" + name + ".schema.json");
    }
  }

  private static String ids(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> "\"" + i + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
