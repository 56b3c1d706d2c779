package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.recon.activities.escalation.EscalationActivitiesImpl;
import io.recon.activities.escalation.EscalationSettings;
import io.recon.activities.escalation.Signature;
import io.recon.core.spec.JobSpec;
import io.recon.worker.contract.ContractSchemas;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real cycle on the embedded engines with an {@code escalation:} webhook: the owner receives one
 * signed message per event that speaks the published contract, and an endpoint that is down leaves
 * the cycle COMPLETED with the failures in the audit.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EscalationCycleIT {
  private static final byte[] KEY = "it-hmac-key".getBytes(StandardCharsets.UTF_8);

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
      repair: { auto: [low], approvalTimeout: %s, maxDivergenceRatio: 0.5 }
      escalation: { webhook: '%s' }
      """;

  /** Retries in milliseconds, so that a dead endpoint costs the test nothing real. */
  private static UnaryOperator<Object> fastEscalation() {
    EscalationSettings fast =
        new EscalationSettings(
            KEY,
            "http://localhost:8233",
            "default",
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(10),
            Duration.ofMillis(50));
    return a -> a instanceof EscalationActivitiesImpl e ? e.withSettings(fast) : a;
  }

  private record Received(Map<String, List<String>> headers, byte[] body) {}

  @Test
  void theOwnerGetsOneSignedMessagePerEventInTheContractShape() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        x -> {
          try (InputStream in = x.getRequestBody()) {
            received.add(new Received(Map.copyOf(x.getRequestHeaders()), in.readAllBytes()));
          }
          x.sendResponseHeaders(204, -1);
          x.close();
        });
    server.start();
    String hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    try (CycleFixture f = new CycleFixture(fastEscalation())) {
      ContractSchemasIT.seed(f);
      JobSpec spec = f.spec(SPEC.formatted("escalate", "1h", hook));
      String cycleId = f.start(spec, Mode.FULL);
      ContractSchemasIT.awaitHeld(f, cycleId);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      f.cycles.signal(
          cycleId,
          ReconciliationWorkflow.APPROVE,
          Map.of("approver", "alice", "reason", "checked", "requestId", "esc-1"));
      CycleResult result = f.await(cycleId);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(1, received.size(), "one event: approval.waiting; the approval came in time");
      Received r = received.get(0);
      JsonNode m = ContractSchemas.JSON.readTree(r.body());
      ContractSchemas.assertValid(ContractSchemas.ESCALATION, m);
      assertEquals("approval.waiting", m.get("event").asText());
      assertEquals(cycleId + "/approval.waiting", m.get("id").asText());
      assertEquals(List.of(cycleId + "/approval.waiting"), r.headers().get("Idempotency-key"));
      assertEquals(3, m.at("/counts/pendingApproval").asLong());
      assertEquals(
          "http://localhost:8233/namespaces/default/workflows/" + cycleId,
          m.get("temporalUi").asText());
      String ts = r.headers().get("X-recon-timestamp").get(0);
      assertEquals(
          List.of(Signature.sign(KEY, ts, r.body())), r.headers().get("X-recon-signature"));
      assertEquals(
          List.of(List.of("escalation.sent", cycleId + "/approval.waiting")),
          f.rows("select action, subject from recon.audit_event where action like 'escalation.%'"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aDeadEndpointLeavesTheCycleCompletedWithEscalationFailedInTheAudit() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (CycleFixture f = new CycleFixture(fastEscalation())) {
      ContractSchemasIT.seed(f);
      JobSpec spec =
          f.spec(SPEC.formatted("escalate-dead", "2s", "http://127.0.0.1:" + closed + "/hook"));
      String cycleId = f.start(spec, Mode.FULL);

      CycleResult result = f.await(cycleId);

      assertEquals(CycleState.COMPLETED, result.state(), result.message());
      assertEquals(3, result.repairs().expired(), result.message());
      List<List<String>> audit =
          f.rows(
              "select action, subject, reason from recon.audit_event"
                  + " where action like 'escalation.%' order by seq");
      assertEquals(
          List.of(
              List.of("escalation.failed", cycleId + "/approval.waiting"),
              List.of("escalation.failed", cycleId + "/approval.expired")),
          audit.stream().map(row -> row.subList(0, 2)).toList());
      String reason = audit.get(0).get(2);
      assertTrue(reason.contains("127.0.0.1:" + closed), reason);
      assertTrue(reason.endsWith("(after 3 attempts)"), reason);
      assertEquals(
          List.of(List.of("failed", "3"), List.of("failed", "3")),
          f.rows("select status, attempts from recon.escalation order by first_at, event"));
    }
  }
}
