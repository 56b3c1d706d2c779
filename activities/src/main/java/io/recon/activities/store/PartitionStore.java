package io.recon.activities.store;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.PARTITION;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.core.compare.KeyRange;
import io.recon.schema.jooq.tables.records.PartitionRecord;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.recon.workflows.failure.FailureType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The key ranges of a cycle ({@code recon.partition}): planned once, then compared and rechecked.
 */
public final class PartitionStore {
  private static final AuditLog AUDIT = new AuditLog(Clock.systemUTC());

  private final DSLContext dsl;

  public PartitionStore(DataSource store) {
    this.dsl = Stores.dsl(store);
  }

  /**
   * One stored range: its bounds, status, and what comparing it detected, as stored (volumes and
   * the kinds the table has columns for; severities are not stored per range).
   */
  public record Partition(KeyRange range, PartitionStatus status, DetectedCounts detected) {}

  /** The plan stored for {@code cycleId}, if it was planned before. */
  public Optional<RangePlan> plan(String cycleId) {
    return Stores.run(dsl, "reading the plan of " + cycleId, ctx -> plan(ctx, cycleId));
  }

  private static Optional<RangePlan> plan(DSLContext ctx, String cycleId) {
    Record2<Integer, java.math.BigDecimal> r =
        ctx.select(DSL.count(), DSL.sum(PARTITION.PLANNED_ROWS))
            .from(PARTITION)
            .where(PARTITION.CYCLE_ID.eq(cycleId))
            .fetchOne();
    if (r == null || r.value1() == 0) {
      return Optional.empty();
    }
    OffsetDateTime watermark =
        ctx.select(CYCLE.WATERMARK_TO)
            .from(CYCLE)
            .where(CYCLE.CYCLE_ID.eq(cycleId))
            .fetchOne(0, OffsetDateTime.class);
    return Optional.of(
        new RangePlan(
            r.value1(), r.value2().longValue(), watermark == null ? null : watermark.toInstant()));
  }

  /**
   * Stores {@code ranges} as the cycle's partitions and the watermark on the cycle, unless a plan
   * was stored first (a concurrent or earlier attempt): then that plan wins and is returned.
   */
  public RangePlan save(
      String cycleId,
      String specHash,
      List<KeyRange> ranges,
      List<Long> plannedRows,
      Instant watermarkTo,
      Lineage lineage) {
    return Stores.run(
        dsl,
        "storing the plan of " + cycleId,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  // Locking the cycle row serializes planners of one cycle.
                  if (ctx.selectFrom(CYCLE).where(CYCLE.CYCLE_ID.eq(cycleId)).forUpdate().fetchOne()
                      == null) {
                    throw Failures.permanent(
                        FailureType.BAD_SPEC, "cycle " + cycleId + " was never opened");
                  }
                  Optional<RangePlan> existing = plan(ctx, cycleId);
                  if (existing.isPresent()) {
                    return existing.get();
                  }
                  OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                  for (int from = 0; from < ranges.size(); from += 1_000) {
                    var insert =
                        ctx.insertInto(
                            PARTITION,
                            PARTITION.CYCLE_ID,
                            PARTITION.RANGE_INDEX,
                            PARTITION.LO_KEY,
                            PARTITION.HI_KEY,
                            PARTITION.STATUS,
                            PARTITION.SPEC_HASH,
                            PARTITION.PLANNED_ROWS,
                            PARTITION.WORKFLOW_ID,
                            PARTITION.RUN_ID,
                            PARTITION.WORKER_IDENTITY,
                            PARTITION.UPDATED_AT);
                    for (int i = from; i < Math.min(ranges.size(), from + 1_000); i++) {
                      KeyRange r = ranges.get(i);
                      insert =
                          insert.values(
                              cycleId,
                              i,
                              r.lo() == null ? null : StoreJson.keyText(r.lo()),
                              r.hi() == null ? null : StoreJson.keyText(r.hi()),
                              PartitionStatus.PENDING.name(),
                              specHash,
                              plannedRows.get(i),
                              lineage.workflowId(),
                              lineage.runId(),
                              lineage.workerIdentity(),
                              now);
                    }
                    insert.execute();
                  }
                  ctx.update(CYCLE)
                      .set(
                          CYCLE.WATERMARK_TO,
                          watermarkTo == null ? null : watermarkTo.atOffset(ZoneOffset.UTC))
                      .set(CYCLE.RANGES_TOTAL, ranges.size())
                      .set(CYCLE.UPDATED_AT, now)
                      .where(CYCLE.CYCLE_ID.eq(cycleId))
                      .execute();
                  long total = plannedRows.stream().mapToLong(Long::longValue).sum();
                  return new RangePlan(ranges.size(), total, watermarkTo);
                }));
  }

  /** The stored range {@code index} of {@code cycleId}. */
  public Partition load(String cycleId, int index) {
    PartitionRecord r =
        Stores.run(
            dsl,
            "reading range " + index + " of " + cycleId,
            ctx ->
                ctx.selectFrom(PARTITION)
                    .where(PARTITION.CYCLE_ID.eq(cycleId), PARTITION.RANGE_INDEX.eq(index))
                    .fetchOne());
    if (r == null) {
      throw Failures.permanent(
          FailureType.BAD_SPEC, "cycle " + cycleId + " has no planned range " + index);
    }
    var range = new KeyRange(StoreJson.key(r.getLoKey()), StoreJson.key(r.getHiKey()));
    var detected =
        new DetectedCounts(
            new Volumes(r.getSourceRecords(), r.getTargetRecords(), r.getCompared()),
            new Findings(r.getMissing(), r.getOrphan(), r.getMismatch(), 0, 0),
            Severities.NONE);
    return new Partition(range, PartitionStatus.valueOf(r.getStatus()), detected);
  }

  /** Records what comparing the range found, and that it was compared. */
  public void compared(String cycleId, int index, DetectedCounts c, Lineage lineage) {
    update(cycleId, index, PartitionStatus.COMPARED, c.volumes(), c.findings(), 0, lineage);
  }

  /**
   * Records what comparing the range found, and appends {@code events} to the audit chain {@code
   * chain} in the same transaction.
   */
  public void compared(
      String cycleId,
      int index,
      DetectedCounts c,
      Lineage lineage,
      String chain,
      List<AuditEvent> events) {
    Stores.run(
        dsl,
        "recording range " + index + " of " + cycleId,
        d ->
            d.transactionResult(
                tx -> {
                  update(
                      tx.dsl(),
                      cycleId,
                      index,
                      PartitionStatus.COMPARED,
                      c.volumes(),
                      c.findings(),
                      0,
                      lineage);
                  AUDIT.append(tx.dsl(), chain, events);
                  return null;
                }));
  }

  /** Records the persistent counts after recheck, and that the range is done. */
  public void done(String cycleId, int index, Counts c, Lineage lineage) {
    update(
        cycleId,
        index,
        PartitionStatus.DONE,
        c.volumes(),
        c.persistent(),
        c.transientCount(),
        lineage);
  }

  private void update(
      String cycleId,
      int index,
      PartitionStatus status,
      Volumes v,
      Findings f,
      long transientCount,
      Lineage lineage) {
    Stores.run(
        dsl,
        "updating range " + index + " of " + cycleId,
        ctx -> update(ctx, cycleId, index, status, v, f, transientCount, lineage));
  }

  private static int update(
      DSLContext ctx,
      String cycleId,
      int index,
      PartitionStatus status,
      Volumes v,
      Findings f,
      long transientCount,
      Lineage lineage) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return ctx.update(PARTITION)
        .set(PARTITION.STATUS, status.name())
        .set(PARTITION.SOURCE_RECORDS, v.sourceRecords())
        .set(PARTITION.TARGET_RECORDS, v.targetRecords())
        .set(PARTITION.COMPARED, v.compared())
        .set(PARTITION.MISSING, f.missing())
        .set(PARTITION.ORPHAN, f.orphan())
        .set(PARTITION.MISMATCH, f.mismatch())
        .set(PARTITION.TRANSIENT, transientCount)
        .set(PARTITION.WORKFLOW_ID, lineage.workflowId())
        .set(PARTITION.RUN_ID, lineage.runId())
        .set(PARTITION.WORKER_IDENTITY, lineage.workerIdentity())
        .set(PARTITION.STARTED_AT, DSL.coalesce(PARTITION.STARTED_AT, DSL.val(now)))
        .set(PARTITION.FINISHED_AT, now)
        .set(PARTITION.UPDATED_AT, now)
        .where(PARTITION.CYCLE_ID.eq(cycleId), PARTITION.RANGE_INDEX.eq(index))
        .execute();
  }
}
