package io.recon.activities.escalation;

import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.ESCALATION;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Failures;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.EscalationOutcome.Delivery;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The store's record of escalations ({@code recon.escalation}) and their audit rows. Each outcome
 * and its audit row commit in one transaction, so the audit says exactly what the table says.
 */
final class DeliveryLedger {
  static final String ACTOR = "recon";

  /** A discrepancy in these statuses at the end of a cycle is still drift. */
  static final List<String> OPEN =
      List.of(
          DiscrepancyStatus.PERSISTENT.name(),
          DiscrepancyStatus.PENDING_APPROVAL.name(),
          DiscrepancyStatus.APPROVED.name(),
          DiscrepancyStatus.EXPIRED.name(),
          DiscrepancyStatus.SKIPPED_CONCURRENT_CHANGE.name(),
          DiscrepancyStatus.FAILED.name(),
          DiscrepancyStatus.UNRESOLVED.name());

  private final DSLContext dsl;
  private final Clock clock;
  private final AuditLog audit;

  DeliveryLedger(DataSource store, Clock clock) {
    this.dsl = DSL.using(store, SQLDialect.POSTGRES);
    this.clock = clock;
    this.audit = new AuditLog(clock);
  }

  /** Whether {@code target} already took the event. */
  boolean sent(String eventId, String target) {
    return run(
        "reading escalation " + eventId,
        d ->
            d.fetchExists(
                ESCALATION,
                ESCALATION.EVENT_ID.eq(eventId),
                ESCALATION.TARGET.eq(target),
                ESCALATION.STATUS.eq(EscalationOutcome.SENT)));
  }

  /** Records one endpoint's outcome and its {@code escalation.sent} or {@code .failed} row. */
  void record(EscalationEvent event, Delivery delivery) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    boolean sent = EscalationOutcome.SENT.equals(delivery.outcome());
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("event", event.kind().text());
    detail.put("target", delivery.target());
    detail.put("attempts", delivery.attempts());
    detail.put("httpStatus", delivery.status());
    AuditEvent row =
        new AuditEvent(
            event.cycleId(),
            ACTOR,
            sent ? AuditAction.ESCALATION_SENT : AuditAction.ESCALATION_FAILED,
            event.eventId(),
            StoreJson.write(detail),
            delivery.error());
    run(
        "recording escalation " + event.eventId(),
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  ctx.insertInto(ESCALATION)
                      .set(ESCALATION.EVENT_ID, event.eventId())
                      .set(ESCALATION.TARGET, delivery.target())
                      .set(ESCALATION.SPEC_NAME, event.spec().name())
                      .set(ESCALATION.CYCLE_ID, event.cycleId())
                      .set(ESCALATION.EVENT, event.kind().text())
                      .set(ESCALATION.STATUS, delivery.outcome())
                      .set(ESCALATION.ATTEMPTS, delivery.attempts())
                      .set(
                          ESCALATION.HTTP_STATUS, delivery.status() == 0 ? null : delivery.status())
                      .set(ESCALATION.ERROR, delivery.error())
                      .set(ESCALATION.FIRST_AT, now)
                      .set(ESCALATION.UPDATED_AT, now)
                      .onConflict(ESCALATION.EVENT_ID, ESCALATION.TARGET)
                      .doUpdate()
                      .set(ESCALATION.STATUS, delivery.outcome())
                      .set(ESCALATION.ATTEMPTS, ESCALATION.ATTEMPTS.plus(delivery.attempts()))
                      .set(
                          ESCALATION.HTTP_STATUS, delivery.status() == 0 ? null : delivery.status())
                      .set(ESCALATION.ERROR, delivery.error())
                      .set(ESCALATION.UPDATED_AT, now)
                      .execute();
                  audit.append(ctx, event.spec().name(), List.of(row));
                  return null;
                }));
  }

  /** The cycle's open discrepancies first seen at least {@code olderThan} ago. */
  DriftFound drift(String cycleId, Duration olderThan) {
    OffsetDateTime cutoff =
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(olderThan);
    Record2<Integer, OffsetDateTime> r =
        run(
            "reading the persistent drift of cycle " + cycleId,
            d ->
                d.select(DSL.count(), DSL.min(DISCREPANCY.FIRST_SEEN_AT))
                    .from(DISCREPANCY)
                    .where(
                        DISCREPANCY.CYCLE_ID.eq(cycleId),
                        DISCREPANCY.STATUS.in(OPEN),
                        DISCREPANCY.FIRST_SEEN_AT.le(cutoff))
                    .fetchOne());
    if (r == null || r.value1() == 0) {
      return DriftFound.NONE;
    }
    return new DriftFound(r.value1(), r.value2().toInstant());
  }

  private <T> T run(String what, Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (DataAccessException e) {
      throw Failures.classify(what, e);
    }
  }
}
