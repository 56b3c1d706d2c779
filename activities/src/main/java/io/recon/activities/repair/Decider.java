package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DECISION;
import static io.recon.schema.jooq.Tables.DISCREPANCY;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Failures;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.failure.FailureType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
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
    String approver = r.approver() == null || r.approver().isBlank() ? "unknown" : r.approver();
    if (r.refusal() != null) {
      return dsl.transactionResult(
          tx -> {
            var m = AuditDetails.map();
            m.put("action", r.action());
            m.put("requestId", r.requestId());
            AuditDetails.ids(m, r.ids());
            audit.append(
                tx.dsl(),
                r.spec().name(),
                List.of(
                    new AuditEvent(
                        r.cycleId(),
                        approver,
                        AuditAction.APPROVAL_REFUSED,
                        "cycle " + r.cycleId(),
                        AuditDetails.json(m),
                        r.refusal())));
            return new DecideResult(0, r.ids(), pending(tx.dsl(), r.cycleId()));
          });
    }
    boolean approve = "approve".equalsIgnoreCase(r.action());
    if (!approve && !"reject".equalsIgnoreCase(r.action())) {
      throw Failures.permanent(
          FailureType.BAD_SPEC, "a decision is approve or reject, not " + r.action());
    }
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          // Serializes decisions of one cycle, so a replay waits for the first and finds its row.
          ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon.decide:" + r.cycleId());
          if (r.requestId() != null) {
            var stored =
                ctx.selectFrom(DECISION)
                    .where(DECISION.CYCLE_ID.eq(r.cycleId()), DECISION.REQUEST_ID.eq(r.requestId()))
                    .fetchOne();
            if (stored != null) {
              return new DecideResult(
                  stored.getApplied(),
                  JsonMapper.builder()
                      .build()
                      .readValue(stored.getNotPending(), new TypeReference<List<String>>() {}),
                  stored.getStillPending());
            }
          }
          var d = DISCREPANCY;
          var named = new ArrayList<Long>();
          var notPending = new ArrayList<String>();
          for (String id : r.ids()) {
            try {
              named.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
              notPending.add(id);
            }
          }
          var where = d.CYCLE_ID.eq(r.cycleId()).and(d.STATUS.eq(PENDING));
          if (!r.ids().isEmpty()) {
            where = where.and(d.ID.in(named));
          }
          DiscrepancyStatus to = approve ? DiscrepancyStatus.APPROVED : DiscrepancyStatus.REJECTED;
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          List<Long> applied =
              ctx.update(d)
                  .set(d.STATUS, to.name())
                  .set(d.DETAIL, (approve ? "approved by " : "rejected by ") + approver)
                  .set(d.UPDATED_AT, now)
                  .where(where)
                  .returningResult(d.ID)
                  .fetch(d.ID);
          var hit = new HashSet<>(applied);
          named.stream()
              .filter(id -> !hit.contains(id))
              .forEach(id -> notPending.add(id.toString()));
          var events = new ArrayList<AuditEvent>();
          if (!applied.isEmpty()) {
            var m = AuditDetails.map();
            m.put("requestId", r.requestId());
            AuditDetails.ids(m, applied.stream().sorted().toList());
            events.add(
                new AuditEvent(
                    r.cycleId(),
                    approver,
                    approve ? AuditAction.APPROVAL_GRANTED : AuditAction.APPROVAL_REJECTED,
                    "cycle " + r.cycleId(),
                    AuditDetails.json(m),
                    r.reason()));
          }
          if (!notPending.isEmpty()) {
            var m = AuditDetails.map();
            m.put("action", r.action());
            m.put("requestId", r.requestId());
            AuditDetails.ids(m, notPending);
            events.add(
                new AuditEvent(
                    r.cycleId(),
                    approver,
                    AuditAction.APPROVAL_REFUSED,
                    "cycle " + r.cycleId(),
                    AuditDetails.json(m),
                    "not pending approval in this cycle"));
          }
          audit.append(ctx, r.spec().name(), events);
          long still = pending(ctx, r.cycleId());
          if (r.requestId() != null) {
            ctx.insertInto(DECISION)
                .set(DECISION.CYCLE_ID, r.cycleId())
                .set(DECISION.REQUEST_ID, r.requestId())
                .set(DECISION.ACTION, approve ? "approve" : "reject")
                .set(DECISION.APPROVER, approver)
                .set(DECISION.APPLIED, (long) applied.size())
                .set(DECISION.NOT_PENDING, StoreJson.write(notPending))
                .set(DECISION.STILL_PENDING, still)
                .set(DECISION.CREATED_AT, now)
                .execute();
          }
          return new DecideResult(applied.size(), notPending, still);
        });
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
            var m = AuditDetails.map();
            m.put("escalatedTo", ref.spec().owner());
            AuditDetails.ids(m, ids.stream().sorted().toList());
            audit.append(
                tx.dsl(),
                ref.spec().name(),
                List.of(
                    new AuditEvent(
                        ref.cycleId(),
                        actor,
                        AuditAction.APPROVAL_EXPIRED,
                        "cycle " + ref.cycleId(),
                        AuditDetails.json(m),
                        "nobody decided within repair.approvalTimeout")));
          }
          return (long) ids.size();
        });
  }

  private static long pending(DSLContext ctx, String cycleId) {
    return ctx.fetchCount(
        DISCREPANCY, DISCREPANCY.CYCLE_ID.eq(cycleId).and(DISCREPANCY.STATUS.eq(PENDING)));
  }
}
