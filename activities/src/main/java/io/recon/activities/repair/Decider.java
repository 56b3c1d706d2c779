package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DECISION;
import static io.recon.schema.jooq.Tables.DISCREPANCY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.StoreJson;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.PendingItems;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Applies approvals and rejections. A decision and its audit commit together, with a row under the
 * request id, so a replayed signal returns the first result and changes nothing.
 */
final class Decider {
  private static final String PENDING = DiscrepancyStatus.PENDING_APPROVAL.name();

  private final DSLContext dsl;
  private final AuditLog audit;

  Decider(DSLContext dsl, AuditLog audit) {
    this.dsl = dsl;
    this.audit = audit;
  }

  DecideResult decide(DecideRequest r) {
    if (r.refusal() != null) {
      String approver = DecisionInput.approver(r);
      return dsl.transactionResult(
          tx -> {
            var refused = RepairEvents.refused(r, approver, r.ids(), r.refusal());
            audit.append(tx.dsl(), r.spec().name(), List.of(refused));
            return result(tx.dsl(), 0, r.ids(), r.cycleId());
          });
    }
    DecisionInput input = DecisionInput.parse(r);
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          // Serializes decisions of one cycle, so a replay waits for the first and finds its row.
          ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon.decide:" + r.cycleId());
          DecideResult replayed = r.requestId() == null ? null : stored(ctx, r);
          if (replayed != null) {
            // The first result, with what is pending now for the status to list.
            return new DecideResult(
                replayed.applied(),
                replayed.notPending(),
                replayed.stillPending(),
                PendingReader.read(ctx, r.cycleId()));
          }
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          List<Long> applied = apply(ctx, r, input, now);
          List<String> notPending = input.notPending(applied);
          audit.append(ctx, r.spec().name(), events(r, input, applied, notPending));
          var result = result(ctx, applied.size(), notPending, r.cycleId());
          if (r.requestId() != null) {
            record(ctx, r, input, result, now);
          }
          return result;
        });
  }

  /** The result stored for the request id of {@code r}, or null if it was never decided. */
  private static DecideResult stored(DSLContext ctx, DecideRequest r)
      throws JsonProcessingException {
    var stored =
        ctx.selectFrom(DECISION)
            .where(DECISION.CYCLE_ID.eq(r.cycleId()), DECISION.REQUEST_ID.eq(r.requestId()))
            .fetchOne();
    if (stored == null) {
      return null;
    }
    return new DecideResult(
        stored.getApplied(),
        JsonMapper.builder()
            .build()
            .readValue(stored.getNotPending(), new TypeReference<List<String>>() {}),
        stored.getStillPending());
  }

  /** Moves the pending discrepancies the decision names (all, if it names none); their ids. */
  private static List<Long> apply(
      DSLContext ctx, DecideRequest r, DecisionInput input, OffsetDateTime now) {
    var d = DISCREPANCY;
    var where = d.CYCLE_ID.eq(r.cycleId()).and(d.STATUS.eq(PENDING));
    if (!r.ids().isEmpty()) {
      where = where.and(d.ID.in(input.named()));
    }
    return ctx.update(d)
        .set(d.STATUS, input.to().name())
        .set(d.DETAIL, input.detail())
        .set(d.UPDATED_AT, now)
        .where(where)
        .returningResult(d.ID)
        .fetch(d.ID);
  }

  /** The audit of one decision: what it applied to, then what it named that was not pending. */
  static List<AuditEvent> events(
      DecideRequest r, DecisionInput input, List<Long> applied, List<String> notPending) {
    var events = new ArrayList<AuditEvent>();
    if (!applied.isEmpty()) {
      events.add(RepairEvents.decided(r, input, applied));
    }
    if (!notPending.isEmpty()) {
      events.add(
          RepairEvents.refused(
              r, input.approver(), notPending, "not pending approval in this cycle"));
    }
    return events;
  }

  private static void record(
      DSLContext ctx,
      DecideRequest r,
      DecisionInput input,
      DecideResult result,
      OffsetDateTime now) {
    ctx.insertInto(DECISION)
        .set(DECISION.CYCLE_ID, r.cycleId())
        .set(DECISION.REQUEST_ID, r.requestId())
        .set(DECISION.ACTION, input.action())
        .set(DECISION.APPROVER, input.approver())
        .set(DECISION.APPLIED, (long) result.applied())
        .set(DECISION.NOT_PENDING, StoreJson.write(result.notPending()))
        .set(DECISION.STILL_PENDING, result.stillPending())
        .set(DECISION.CREATED_AT, now)
        .execute();
  }

  /** Every pending discrepancy of the cycle becomes EXPIRED, escalated to the owner. */
  long expire(io.recon.workflows.activities.CycleRef ref, String actor) {
    return dsl.transactionResult(
        tx -> {
          var d = DISCREPANCY;
          List<Long> ids =
              tx.dsl()
                  .update(d)
                  .set(d.STATUS, DiscrepancyStatus.EXPIRED.name())
                  .set(d.DETAIL, "approval expired; escalated to " + ref.spec().owner())
                  .set(d.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                  .where(d.CYCLE_ID.eq(ref.cycleId()), d.STATUS.eq(PENDING))
                  .returningResult(d.ID)
                  .fetch(d.ID);
          if (!ids.isEmpty()) {
            audit.append(
                tx.dsl(),
                ref.spec().name(),
                List.of(RepairEvents.expired(ref.cycleId(), actor, ref.spec(), ids)));
          }
          return (long) ids.size();
        });
  }

  /** A decision's result, with what the cycle holds for approval now (for {@code status}). */
  private static DecideResult result(
      DSLContext ctx, long applied, List<String> notPending, String cycleId) {
    PendingItems pending = PendingReader.read(ctx, cycleId);
    return new DecideResult(applied, notPending, pending.total(), pending);
  }
}
