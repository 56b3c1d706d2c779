package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.DISCREPANCY;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.core.audit.AuditAction;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.OrphanAction;
import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.Gate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Routes a cycle's PERSISTENT discrepancies in one transaction. DUPLICATE_KEY rows are always
 * REPORTED, never repaired: no write can know which copy of the key is the truth. INVALID_KEY rows
 * and ORPHANs whose key has another type than the spec's are REPORTED too: no write can address
 * them by the spec's key. The gate is computed over every row already routed or still to route, so
 * a retry after a commit returns the same verdict, routes nothing again and audits nothing twice.
 */
final class Router {
  private static final String ORPHAN = DiscrepancyKind.ORPHAN.name();
  // Which copy of a repeated key is the truth cannot be known, so no write can be right.
  private static final String DUPLICATE_KEY = DiscrepancyKind.DUPLICATE_KEY.name();
  // A NULL key matches nothing, and a key of another type cannot be addressed by the spec's key.
  private static final String INVALID_KEY = DiscrepancyKind.INVALID_KEY.name();
  private static final List<String> ROUTABLE =
      List.of(
          DiscrepancyStatus.PERSISTENT.name(),
          DiscrepancyStatus.APPROVED.name(),
          DiscrepancyStatus.PENDING_APPROVAL.name(),
          DiscrepancyStatus.REPORTED.name());

  private final DSLContext dsl;
  private final AuditLog audit;

  Router(DSLContext dsl, AuditLog audit) {
    this.dsl = dsl;
    this.audit = audit;
  }

  RouteResult route(RouteRequest request, String actor) {
    JobSpec spec = request.spec();
    RepairPolicy policy = spec.repair();
    String cycleId = request.cycleId();
    var d = DISCREPANCY;
    boolean reportOrphans = spec.orphan().action() == OrphanAction.REPORT;
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          Condition ofCycle = d.CYCLE_ID.eq(cycleId);
          long persistent = ctx.fetchCount(d, ofCycle.and(d.STATUS.in(ROUTABLE)));
          Condition reportOnly =
              d.KIND
                  .in(
                      reportOrphans
                          ? List.of(ORPHAN, DUPLICATE_KEY, INVALID_KEY)
                          : List.of(DUPLICATE_KEY, INVALID_KEY))
                  .or(d.KIND.eq(ORPHAN).and(d.DETAIL.startsWith(Discrepancy.FOREIGN_TYPE)));
          long reportedOnly = ctx.fetchCount(d, ofCycle.and(d.STATUS.in(ROUTABLE)).and(reportOnly));
          long repairs = persistent - reportedOnly;
          double ratio = (double) persistent / Math.max(1, request.compared());
          boolean tripped =
              ratio > policy.maxDivergenceRatio() || repairs > policy.maxRepairsPerCycle();
          Gate gate =
              new Gate(
                  tripped,
                  ratio,
                  policy.maxDivergenceRatio(),
                  repairs,
                  policy.maxRepairsPerCycle());
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          Condition open = ofCycle.and(d.STATUS.eq(DiscrepancyStatus.PERSISTENT.name()));
          List<Long> reported = set(ctx, open.and(reportOnly), DiscrepancyStatus.REPORTED, now);
          List<Long> approved = new ArrayList<>();
          if (!tripped) {
            List<String> auto = policy.auto().stream().map(Severity::name).toList();
            approved =
                set(
                    ctx,
                    open.and(d.KIND.notIn(ORPHAN, DUPLICATE_KEY, INVALID_KEY))
                        .and(d.SEVERITY.in(auto)),
                    DiscrepancyStatus.APPROVED,
                    now);
          }
          // Everything else, orphan deletes always, waits for a human.
          List<Long> pending = set(ctx, open, DiscrepancyStatus.PENDING_APPROVAL, now);
          ctx.update(CYCLE)
              .set(CYCLE.GATE_RATIO, ratio)
              .set(CYCLE.GATE_THRESHOLD, policy.maxDivergenceRatio())
              .set(CYCLE.UPDATED_AT, now)
              .where(CYCLE.CYCLE_ID.eq(cycleId))
              .execute();
          var events = new ArrayList<AuditEvent>();
          routed(events, cycleId, actor, DiscrepancyStatus.APPROVED, approved);
          routed(events, cycleId, actor, DiscrepancyStatus.PENDING_APPROVAL, pending);
          routed(events, cycleId, actor, DiscrepancyStatus.REPORTED, reported);
          boolean changed = !events.isEmpty();
          if (tripped && changed) {
            var m = AuditDetails.map();
            m.put("ratio", ratio);
            m.put("threshold", policy.maxDivergenceRatio());
            m.put("repairs", repairs);
            m.put("maxRepairs", policy.maxRepairsPerCycle());
            events.add(
                new AuditEvent(
                    cycleId,
                    actor,
                    AuditAction.GATE_TRIPPED,
                    "cycle " + cycleId,
                    AuditDetails.json(m),
                    gate.describe()));
          }
          if (!pending.isEmpty()) {
            var m = AuditDetails.map();
            m.put("count", pending.size());
            m.put("approvers", spec.approvers());
            events.add(
                new AuditEvent(
                    cycleId,
                    actor,
                    AuditAction.APPROVAL_REQUESTED,
                    "cycle " + cycleId,
                    AuditDetails.json(m),
                    tripped ? gate.describe() : "severity not repaired automatically"));
          }
          audit.append(ctx, spec.name(), events);
          return new RouteResult(
              gate,
              count(ctx, cycleId, DiscrepancyStatus.APPROVED),
              count(ctx, cycleId, DiscrepancyStatus.PENDING_APPROVAL),
              count(ctx, cycleId, DiscrepancyStatus.REPORTED));
        });
  }

  private static List<Long> set(
      DSLContext ctx, Condition where, DiscrepancyStatus status, OffsetDateTime now) {
    var d = DISCREPANCY;
    return ctx.update(d)
        .set(d.STATUS, status.name())
        .set(d.UPDATED_AT, now)
        .where(where)
        .returningResult(d.ID)
        .fetch(d.ID);
  }

  private static long count(DSLContext ctx, String cycleId, DiscrepancyStatus status) {
    return ctx.fetchCount(
        DISCREPANCY, DISCREPANCY.CYCLE_ID.eq(cycleId).and(DISCREPANCY.STATUS.eq(status.name())));
  }

  private static void routed(
      List<AuditEvent> events, String cycleId, String actor, DiscrepancyStatus to, List<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    var m = AuditDetails.map();
    m.put("status", to.name());
    AuditDetails.ids(m, ids.stream().sorted().toList());
    events.add(
        new AuditEvent(
            cycleId, actor, AuditAction.REPAIR_ROUTED, to.name(), AuditDetails.json(m), null));
  }
}
