package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.DISCREPANCY;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.OrphanAction;
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
    String cycleId = request.cycleId();
    Condition reportOnly = reportOnly(spec.orphan().action() == OrphanAction.REPORT);
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          Condition ofCycle = DISCREPANCY.CYCLE_ID.eq(cycleId);
          Condition routable = ofCycle.and(DISCREPANCY.STATUS.in(ROUTABLE));
          Gate gate =
              GateRule.evaluate(
                  spec.repair(),
                  ctx.fetchCount(DISCREPANCY, routable),
                  ctx.fetchCount(DISCREPANCY, routable.and(reportOnly)),
                  request.compared());
          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
          Condition open = ofCycle.and(DISCREPANCY.STATUS.eq(DiscrepancyStatus.PERSISTENT.name()));
          List<Long> reported = set(ctx, open.and(reportOnly), DiscrepancyStatus.REPORTED, now);
          List<Long> approved =
              gate.tripped()
                  ? List.of()
                  : set(ctx, open.and(autoRepaired(spec)), DiscrepancyStatus.APPROVED, now);
          // Everything else, orphan deletes always, waits for a human.
          List<Long> pending = set(ctx, open, DiscrepancyStatus.PENDING_APPROVAL, now);
          recordGate(ctx, cycleId, gate, now);
          audit.append(
              ctx, spec.name(), events(spec, cycleId, actor, gate, approved, pending, reported));
          return new RouteResult(
              gate,
              count(ctx, cycleId, DiscrepancyStatus.APPROVED),
              count(ctx, cycleId, DiscrepancyStatus.PENDING_APPROVAL),
              count(ctx, cycleId, DiscrepancyStatus.REPORTED),
              PendingReader.read(ctx, cycleId));
        });
  }

  private static void recordGate(DSLContext ctx, String cycleId, Gate gate, OffsetDateTime now) {
    ctx.update(CYCLE)
        .set(CYCLE.GATE_RATIO, gate.ratio())
        .set(CYCLE.GATE_THRESHOLD, gate.threshold())
        .set(CYCLE.UPDATED_AT, now)
        .where(CYCLE.CYCLE_ID.eq(cycleId))
        .execute();
  }

  // The rows no write can repair: they are only reported.
  private static Condition reportOnly(boolean reportOrphans) {
    var d = DISCREPANCY;
    return d.KIND
        .in(
            reportOrphans
                ? List.of(ORPHAN, DUPLICATE_KEY, INVALID_KEY)
                : List.of(DUPLICATE_KEY, INVALID_KEY))
        .or(d.KIND.eq(ORPHAN).and(d.DETAIL.startsWith(Discrepancy.FOREIGN_TYPE)));
  }

  // The rows an open gate approves without a human: the spec's automatic severities, never orphans.
  private static Condition autoRepaired(JobSpec spec) {
    List<String> auto = spec.repair().auto().stream().map(Severity::name).toList();
    return DISCREPANCY
        .KIND
        .notIn(ORPHAN, DUPLICATE_KEY, INVALID_KEY)
        .and(DISCREPANCY.SEVERITY.in(auto));
  }

  /**
   * The audit of one routing: what went where, then the gate when it tripped and changed anything,
   * then the request for approval. A retry that routes nothing audits nothing.
   */
  static List<AuditEvent> events(
      JobSpec spec,
      String cycleId,
      String actor,
      Gate gate,
      List<Long> approved,
      List<Long> pending,
      List<Long> reported) {
    var events = new ArrayList<AuditEvent>();
    routed(events, cycleId, actor, DiscrepancyStatus.APPROVED, approved);
    routed(events, cycleId, actor, DiscrepancyStatus.PENDING_APPROVAL, pending);
    routed(events, cycleId, actor, DiscrepancyStatus.REPORTED, reported);
    if (gate.tripped() && !events.isEmpty()) {
      events.add(RepairEvents.gateTripped(cycleId, actor, gate));
    }
    if (!pending.isEmpty()) {
      events.add(RepairEvents.approvalRequested(cycleId, actor, spec, pending.size(), gate));
    }
    return events;
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
    if (!ids.isEmpty()) {
      events.add(RepairEvents.routed(cycleId, actor, to, ids));
    }
  }
}
