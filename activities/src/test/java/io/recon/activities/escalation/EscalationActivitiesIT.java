package io.recon.activities.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.activities.audit.AuditVerifier;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.DriftQuery;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationKind;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.EscalationOutcome.Delivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Escalation delivery against a local HTTP receiver and the embedded PostgreSQL store: the message,
 * its signature, retries of transient failures only, one post per event across retried activities,
 * and an endpoint that stays down ending as an audited outcome rather than a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EscalationActivitiesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY = "s3cret-hmac-key".getBytes(StandardCharsets.UTF_8);
  private static final String CYCLE = "recon-orders-20260302T120000Z";

  private final Receiver receiver = new Receiver();
  private PGSimpleDataSource store;
  private DSLContext db;
  private EscalationActivitiesImpl activities;

  @BeforeEach
  void freshStore() {
    store = new PGSimpleDataSource();
    store.setUrl(SharedEngines.newPostgresDatabase());
    store.setUser("postgres");
    StoreMigrator.migrate(store);
    db = DSL.using(store, SQLDialect.POSTGRES);
    activities = new EscalationActivitiesImpl(store, settings(KEY));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  /** Retries in milliseconds, so the tests wait for nothing real. */
  private static EscalationSettings settings(byte[] key) {
    return new EscalationSettings(
        key,
        "http://temporal-ui.example:8233/",
        "default",
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(10),
        Duration.ofMillis(50));
  }

  private static JobSpec spec(String escalation) {
    return SpecLoader.parse(
        "name: orders\nowner: sakila-crm\napprovers: [alice, bob]\n"
            + "source: {table: t, key: [id]}\n"
            + "target: {database: d, collection: c, key: [_id]}\n"
            + "fields:\n  - {source: a, target: a, type: string}\n"
            + "escalation: "
            + escalation
            + "\n",
        "orders.yaml");
  }

  private JobSpec webhookSpec() {
    return spec("{webhook: '" + receiver.url("/hooks/recon?token=abc") + "'}");
  }

  private static EscalationEvent event(JobSpec spec, EscalationKind kind) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("pendingApproval", 3L);
    counts.put("compared", 1000L);
    return new EscalationEvent(
        spec,
        CYCLE,
        EscalationEvent.eventId(CYCLE, kind),
        kind,
        Instant.parse("2026-03-02T12:05:00Z"),
        "3 repairs wait for approval by [alice, bob]",
        counts,
        kind == EscalationKind.CYCLE_FAILED ? "MISSING_COLUMN" : null,
        kind == EscalationKind.CYCLE_FAILED ? "column t.a does not exist" : null);
  }

  private List<Record> auditRows() {
    return db.fetch(
        "select action, subject, detail, reason from recon.audit_event"
            + " where action like 'escalation.%' order by seq");
  }

  @Test
  void webhookReceivesOneSignedMessageWithTheApproveLineAndTheTemporalLink() throws Exception {
    EscalationOutcome outcome =
        activities.deliver(event(webhookSpec(), EscalationKind.APPROVAL_WAITING));

    assertEquals(List.of(new Delivery("webhook", "sent", 1, 200, null)), outcome.deliveries());
    Receiver.Request r = receiver.requests().get(0);
    assertEquals(1, receiver.requests().size());
    assertEquals("POST", r.method());
    assertEquals("/hooks/recon", r.path());
    assertEquals("application/json", r.header("Content-Type"));
    assertEquals(CYCLE + "/approval.waiting", r.header("Idempotency-Key"));
    assertEquals("approval.waiting", r.header("X-Recon-Event"));
    String timestamp = r.header("X-Recon-Timestamp");
    assertEquals(Signature.sign(KEY, timestamp, r.body()), r.header("X-Recon-Signature"));
    assertEquals(
        "sha256=" + hmacHex(KEY, timestamp + "." + new String(r.body(), StandardCharsets.UTF_8)),
        r.header("X-Recon-Signature"),
        "the documented recipe: HMAC-SHA256 of timestamp, '.', body");

    JsonNode m = JSON.readTree(r.body());
    assertEquals(1, m.get("schemaVersion").asInt());
    assertEquals(CYCLE + "/approval.waiting", m.get("id").asText());
    assertEquals("approval.waiting", m.get("event").asText());
    assertEquals("orders", m.get("spec").asText());
    assertEquals("sakila-crm", m.get("owner").asText());
    assertEquals(CYCLE, m.get("cycle").asText());
    assertEquals(3, m.at("/counts/pendingApproval").asLong());
    assertEquals("recon approve " + CYCLE + " --by NAME --reason TEXT", m.get("approve").asText());
    assertEquals(
        "http://temporal-ui.example:8233/namespaces/default/workflows/" + CYCLE,
        m.get("temporalUi").asText());
    assertEquals("[\"alice\",\"bob\"]", m.get("approvers").toString());
    assertTrue(m.get("failure").isNull());

    List<Record> audit = auditRows();
    assertEquals(1, audit.size());
    assertEquals("escalation.sent", audit.get(0).get("action"));
    assertEquals(CYCLE + "/approval.waiting", audit.get(0).get("subject"));
    assertTrue(new AuditVerifier(db).verify(Optional.empty()).intact());
  }

  @Test
  void transientFailuresAreRetriedUntilTheEndpointTakesTheMessage() throws Exception {
    receiver.answer(503, 503);

    EscalationOutcome outcome =
        activities.deliver(event(webhookSpec(), EscalationKind.GATE_TRIPPED));

    assertEquals(List.of(new Delivery("webhook", "sent", 3, 200, null)), outcome.deliveries());
    assertEquals(3, receiver.requests().size());
    assertEquals(
        1,
        receiver.requests().stream().map(q -> q.header("Idempotency-Key")).distinct().count(),
        "every retry carries the same idempotency key");
    assertEquals("escalation.sent", auditRows().get(0).get("action"));
    assertEquals(1, auditRows().size(), "one outcome, one audit row");
  }

  @Test
  void retryAfterOfA429IsHonouredUpToTheCap() {
    // An hour asked; the cap (50 ms here, 30 s in production) bounds the wait.
    receiver.answer(429, "3600");

    EscalationOutcome outcome =
        activities.deliver(event(webhookSpec(), EscalationKind.DRIFT_PERSISTENT));

    assertEquals("sent", outcome.deliveries().get(0).outcome());
    assertEquals(2, receiver.requests().size());
  }

  @Test
  void aRetriedActivityDoesNotPostTheSameEventTwice() {
    EscalationEvent e = event(webhookSpec(), EscalationKind.APPROVAL_EXPIRED);

    activities.deliver(e);
    EscalationOutcome again = activities.deliver(e);

    assertEquals(1, receiver.requests().size());
    assertEquals(List.of(new Delivery("webhook", "already_sent", 0, 0, null)), again.deliveries());
    assertEquals(1, auditRows().size());
    assertEquals(1, db.fetchCount(DSL.table("recon.escalation"), DSL.field("status").eq("sent")));
  }

  @Test
  void aDeadEndpointEndsAsAnAuditedFailureNotAnException() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    JobSpec spec = spec("{webhook: 'http://127.0.0.1:" + closed + "/hook'}");

    EscalationOutcome outcome = activities.deliver(event(spec, EscalationKind.CYCLE_FAILED));

    Delivery d = outcome.deliveries().get(0);
    assertEquals("failed", d.outcome());
    assertEquals(3, d.attempts());
    assertEquals(0, d.status());
    assertTrue(d.error().contains("127.0.0.1:" + closed), d.error());
    assertTrue(d.error().endsWith("(after 3 attempts)"), d.error());
    Record audit = auditRows().get(0);
    assertEquals("escalation.failed", audit.get("action"));
    assertEquals(d.error(), audit.get("reason"));
    assertTrue(((String) audit.get("detail")).contains("\"attempts\":3"), audit.toString());
  }

  @Test
  void aRefusalIsNotRetriedAndALaterAttemptMayStillDeliver() {
    receiver.answer(400);
    EscalationEvent e = event(webhookSpec(), EscalationKind.GATE_TRIPPED);

    Delivery refused = activities.deliver(e).deliveries().get(0);
    Delivery later = activities.deliver(e).deliveries().get(0);

    assertEquals(new Delivery("webhook", "failed", 1, 400, refused.error()), refused);
    assertTrue(refused.error().startsWith("HTTP 400 from http://127.0.0.1:"), refused.error());
    assertTrue(!refused.error().contains("token"), "the URL's path and query are never shown");
    assertEquals("sent", later.outcome());
    assertEquals(2, receiver.requests().size());
    assertEquals(
        List.of("escalation.failed", "escalation.sent"),
        auditRows().stream().map(r -> r.get("action")).toList());
  }

  @Test
  void withoutAKeyTheMessageIsUnsigned() {
    new EscalationActivitiesImpl(store, settings(null))
        .deliver(event(webhookSpec(), EscalationKind.GATE_TRIPPED));

    assertNull(receiver.requests().get(0).header("X-Recon-Signature"));
    assertNotNull(receiver.requests().get(0).header("X-Recon-Timestamp"));
  }

  @Test
  void alertmanagerReceivesOneAlertLabelledBySpecOwnerAndEvent() throws Exception {
    JobSpec spec =
        spec(
            "{webhook: '"
                + receiver.url("/hook")
                + "', alertmanager: '"
                + receiver.url("/am/")
                + "'}");

    EscalationOutcome outcome = activities.deliver(event(spec, EscalationKind.CYCLE_FAILED));

    assertEquals(
        List.of("webhook", "alertmanager"),
        outcome.deliveries().stream().map(Delivery::target).toList());
    assertTrue(outcome.delivered());
    Receiver.Request am = receiver.requests().get(1);
    assertEquals("/am/api/v2/alerts", am.path());
    JsonNode alerts = JSON.readTree(am.body());
    assertEquals(1, alerts.size());
    JsonNode alert = alerts.get(0);
    assertEquals("ReconCycleFailed", alert.at("/labels/alertname").asText());
    assertEquals("orders", alert.at("/labels/spec").asText());
    assertEquals("sakila-crm", alert.at("/labels/owner").asText());
    assertEquals("cycle.failed", alert.at("/labels/event").asText());
    assertEquals("MISSING_COLUMN", alert.at("/annotations/failure_type").asText());
    assertEquals("2026-03-02T12:05:00Z", alert.get("startsAt").asText());
    JsonNode webhook = JSON.readTree(receiver.requests().get(0).body());
    assertEquals("MISSING_COLUMN", webhook.at("/failure/type").asText());
    assertTrue(webhook.get("approve").isNull(), "only a waiting approval has the approve line");
  }

  @Test
  void persistentDriftCountsOpenDiscrepanciesFirstSeenBeforeTheThreshold() {
    db.execute(
        "insert into recon.cycle (cycle_id, spec_name, spec_hash, mode, initiator, status,"
            + " started_at, updated_at) values ('c2', 'orders', 'h', 'FULL', 't', 'RUNNING',"
            + " now(), now())");
    insertDiscrepancy("k1", "PENDING_APPROVAL", "10 days");
    insertDiscrepancy("k2", "EXPIRED", "8 days");
    insertDiscrepancy("k3", "REPAIRED", "30 days");
    insertDiscrepancy("k4", "PERSISTENT", "1 day");
    insertDiscrepancy("k5", "TRANSIENT", "20 days");

    DriftFound drift =
        activities.findPersistentDrift(new DriftQuery(webhookSpec(), "c2", Duration.ofDays(7)));
    DriftFound none =
        activities.findPersistentDrift(new DriftQuery(webhookSpec(), "c2", Duration.ofDays(11)));

    assertEquals(2, drift.open());
    Duration age = Duration.between(drift.oldestSince(), Instant.now());
    assertTrue(age.toDays() == 10, "the oldest open one: " + drift.oldestSince());
    assertEquals(DriftFound.NONE, none);
  }

  private void insertDiscrepancy(String key, String status, String age) {
    db.execute(
        "insert into recon.discrepancy (cycle_id, spec_name, spec_hash, range_index, key_hash,"
            + " key_text, key_json, kind, severity, status, fields, first_seen_at, last_seen_at,"
            + " updated_at) values ('c2', 'orders', 'h', 0, ?, ?, '{}', 'MISMATCH', 'LOW', ?, '[]',"
            + " now() - cast(? as interval), now(), now())",
        key,
        key,
        status,
        age);
  }

  private static String hmacHex(byte[] key, String text) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
    return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
