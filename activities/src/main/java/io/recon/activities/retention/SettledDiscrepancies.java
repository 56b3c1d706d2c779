package io.recon.activities.retention;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.REPAIR;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.repair.RepairStatus;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Settled discrepancies past the {@code discrepancies} window, and their repair rows. A discrepancy
 * is settled when nothing will act on it again: its status is one of {@link #PRUNABLE}, its cycle
 * has closed, and none of its repairs is still {@code APPLYING}. Its age is the time since it last
 * changed ({@code updated_at}: a rollback renews it). Open and held ones (DETECTED, PERSISTENT,
 * PENDING_APPROVAL, APPROVED) are never removed, however old.
 */
final class SettledDiscrepancies {
  /** The statuses a discrepancy may be pruned in. */
  static final Set<DiscrepancyStatus> PRUNABLE =
      EnumSet.of(
          DiscrepancyStatus.TRANSIENT,
          DiscrepancyStatus.REPAIRED,
          DiscrepancyStatus.REJECTED,
          DiscrepancyStatus.EXPIRED,
          DiscrepancyStatus.SKIPPED_CONCURRENT_CHANGE,
          DiscrepancyStatus.FAILED,
          DiscrepancyStatus.UNRESOLVED,
          DiscrepancyStatus.REPORTED);

  private static final List<String> CLOSED =
      Arrays.stream(CycleState.values()).filter(CycleState::closed).map(Enum::name).toList();

  private final AuditLog audit;

  SettledDiscrepancies(AuditLog audit) {
    this.audit = audit;
  }

  private static Condition prunable(String spec, Instant cutoff) {
    return DISCREPANCY
        .SPEC_NAME
        .eq(spec)
        .and(DISCREPANCY.STATUS.in(PRUNABLE.stream().map(Enum::name).toList()))
        .and(DISCREPANCY.UPDATED_AT.lt(cutoff.atOffset(ZoneOffset.UTC)))
        .and(
            DISCREPANCY.CYCLE_ID.in(
                DSL.select(CYCLE.CYCLE_ID).from(CYCLE).where(CYCLE.STATUS.in(CLOSED))))
        .andNotExists(
            DSL.selectOne()
                .from(REPAIR)
                .where(REPAIR.DISCREPANCY_ID.eq(DISCREPANCY.ID))
                .and(REPAIR.STATUS.eq(RepairStatus.APPLYING.name())));
  }

  /** What a prune would remove now: discrepancies and their repairs. */
  long[] count(DSLContext db, String spec, Instant cutoff) {
    long discrepancies = db.fetchCount(DISCREPANCY, prunable(spec, cutoff));
    long repairs =
        db.fetchCount(
            REPAIR,
            REPAIR.DISCREPANCY_ID.in(
                DSL.select(DISCREPANCY.ID).from(DISCREPANCY).where(prunable(spec, cutoff))));
    return new long[] {discrepancies, repairs};
  }

  /**
   * Removes up to {@code limit} of them, oldest id first, with their repairs, in {@code tx}; marks
   * their cycles pruned and appends one {@code retention.pruned} event.
   *
   * @return {discrepancies, repairs} removed; {0, 0} when none was due
   */
  long[] pruneBatch(
      DSLContext tx,
      String spec,
      Instant cutoff,
      int limit,
      String rule,
      String actor,
      Instant now) {
    List<Record2<Long, String>> rows =
        tx.select(DISCREPANCY.ID, DISCREPANCY.CYCLE_ID)
            .from(DISCREPANCY)
            .where(prunable(spec, cutoff))
            .orderBy(DISCREPANCY.ID)
            .limit(limit)
            .forUpdate()
            .skipLocked()
            .fetch();
    if (rows.isEmpty()) {
      return new long[] {0, 0};
    }
    List<Long> ids = rows.stream().map(Record2::value1).toList();
    List<String> cycles = rows.stream().map(Record2::value2).distinct().toList();
    int repairs = tx.deleteFrom(REPAIR).where(REPAIR.DISCREPANCY_ID.in(ids)).execute();
    int discrepancies = tx.deleteFrom(DISCREPANCY).where(DISCREPANCY.ID.in(ids)).execute();
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    tx.update(CYCLE)
        .set(CYCLE.DISCREPANCIES_PRUNED_AT, at)
        .set(CYCLE.DISCREPANCIES_PRUNED_RULE, rule)
        .where(CYCLE.CYCLE_ID.in(cycles))
        .execute();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "discrepancies");
    d.put("rows", discrepancies);
    d.put("repairs", repairs);
    d.put("firstId", ids.get(0));
    d.put("lastId", ids.get(ids.size() - 1));
    d.put("cycles", cycles.size());
    d.put("cutoff", cutoff.toString());
    audit.append(
        tx,
        spec,
        List.of(
            new AuditEvent(
                null,
                actor,
                AuditAction.RETENTION_PRUNED,
                "discrepancies",
                StoreJson.write(d),
                "past retention (" + rule + ")")));
    return new long[] {discrepancies, repairs};
  }
}
