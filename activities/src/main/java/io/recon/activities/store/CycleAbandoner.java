package io.recon.activities.store;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.PARTITION;

import com.mongodb.client.MongoClient;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.repair.ApplyingRepairs;
import io.recon.activities.repair.AuditCipher;
import io.recon.workflows.cycle.CycleState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes cycles whose workflow is lost (a Temporal server that lost its state, a terminated
 * workflow) as ABANDONED, so that the store never shows RUNNING for a cycle nothing runs and the
 * job can start its next one. Each close appends {@code cycle.abandoned} and anchors the audit head
 * on the cycle, like any other close; then the cycle's repair rows left APPLYING are settled
 * against the target ({@link ApplyingRepairs}). Whether a workflow is lost is the caller's to say,
 * from Temporal: this class never guesses it.
 */
public final class CycleAbandoner {
  private static final List<String> OPEN =
      List.of(
          CycleState.RUNNING.name(), CycleState.AWAITING_APPROVAL.name(), CycleState.GATED.name());
  private static final AuditLog AUDIT = new AuditLog(Clock.systemUTC());
  private static final Logger LOG = LoggerFactory.getLogger(CycleAbandoner.class);

  private final DSLContext dsl;
  private final ApplyingRepairs repairs;

  /**
   * @param mongo the target, to settle APPLYING repair rows; null leaves them for a process that
   *     has it (every worker settles them at start)
   */
  public CycleAbandoner(DataSource store, MongoClient mongo, AuditCipher cipher) {
    this.dsl = DSL.using(store, SQLDialect.POSTGRES);
    this.repairs = mongo == null ? null : new ApplyingRepairs(store, mongo, cipher);
  }

  /** What a sweep did. */
  public record Swept(List<String> abandoned, ApplyingRepairs.Resolved repairs) {}

  /**
   * Closes the cycle as ABANDONED if the store still records it open, and settles its APPLYING
   * repairs. Returns whether this call closed it (false when it was closed already, perhaps by the
   * workflow a moment ago, or by another process sweeping at the same time).
   *
   * @param why one line on how the workflow was found lost, e.g. "Temporal knows no such workflow"
   * @param actor who concluded it, for the audit
   */
  public boolean abandon(String cycleId, String why, String actor) {
    boolean closed = close(cycleId, why, actor);
    if (repairs != null) {
      try {
        repairs.resolve(cycleId, actor);
      } catch (RuntimeException e) {
        // The cycle is closed either way; a target that does not answer now leaves its APPLYING
        // rows to the next sweep (every worker runs one at start).
        LOG.warn("repairs of abandoned cycle {} not settled yet: {}", cycleId, e.toString());
      }
    }
    return closed;
  }

  /** The store side of {@link #abandon}: the row and its audit, in one transaction. */
  private boolean close(String cycleId, String why, String actor) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          var row =
              ctx.select(CYCLE.SPEC_NAME, CYCLE.STATUS)
                  .from(CYCLE)
                  .where(CYCLE.CYCLE_ID.eq(cycleId))
                  .forUpdate()
                  .fetchOne();
          if (row == null || !OPEN.contains(row.value2())) {
            return false;
          }
          var totals = totals(ctx, cycleId);
          ctx.update(CYCLE)
              .set(CYCLE.STATUS, CycleState.ABANDONED.name())
              .set(CYCLE.RANGES_TOTAL, totals.value1())
              .set(CYCLE.RANGES_DONE, totals.value2())
              .set(CYCLE.COMPARED, totals.value3().longValue())
              .set(CYCLE.MISSING, totals.value4().longValue())
              .set(CYCLE.ORPHAN, totals.value5().longValue())
              .set(CYCLE.MISMATCH, totals.value6().longValue())
              .set(CYCLE.TRANSIENT, totals.value7().longValue())
              .set(CYCLE.ERROR, "abandoned: " + why)
              .set(CYCLE.FINISHED_AT, now)
              .set(CYCLE.UPDATED_AT, now)
              .where(CYCLE.CYCLE_ID.eq(cycleId))
              .execute();
          AuditEvent abandoned =
              CycleEvents.abandoned(
                  cycleId, actor, row.value2(), totals.value2(), totals.value1(), why);
          AuditLog.Head head = AUDIT.append(ctx, row.value1(), List.of(abandoned));
          ctx.update(CYCLE)
              .set(CYCLE.AUDIT_SEQ, head.seq())
              .set(CYCLE.AUDIT_HASH, head.hash())
              .where(CYCLE.CYCLE_ID.eq(cycleId))
              .execute();
          return true;
        });
  }

  /**
   * The workflow never wrote its totals: they are taken from the ranges it did finish, so the row's
   * counts agree with what the store holds. Ranges, ranges finished, then the sums of compared,
   * missing, orphan, mismatch and transient.
   */
  private static Record7<
          Integer, Integer, BigDecimal, BigDecimal, BigDecimal, BigDecimal, BigDecimal>
      totals(DSLContext ctx, String cycleId) {
    var p = PARTITION;
    return ctx.select(
            DSL.count(),
            DSL.count().filterWhere(p.FINISHED_AT.isNotNull()),
            DSL.coalesce(DSL.sum(p.COMPARED), DSL.inline(BigDecimal.ZERO)),
            DSL.coalesce(DSL.sum(p.MISSING), DSL.inline(BigDecimal.ZERO)),
            DSL.coalesce(DSL.sum(p.ORPHAN), DSL.inline(BigDecimal.ZERO)),
            DSL.coalesce(DSL.sum(p.MISMATCH), DSL.inline(BigDecimal.ZERO)),
            DSL.coalesce(DSL.sum(p.TRANSIENT), DSL.inline(BigDecimal.ZERO)))
        .from(p)
        .where(p.CYCLE_ID.eq(cycleId))
        .fetchOne();
  }

  /**
   * Closes every open cycle (of every job) for which {@code lost} gives a reason, then settles the
   * APPLYING repairs of every closed cycle, those just abandoned included. {@code lost} answers
   * empty for a cycle whose workflow runs, wherever it runs; it is asked once per open cycle.
   */
  public Swept sweep(Function<String, Optional<String>> lost, String actor) {
    List<String> open =
        dsl.select(CYCLE.CYCLE_ID)
            .from(CYCLE)
            .where(CYCLE.STATUS.in(OPEN))
            .orderBy(CYCLE.STARTED_AT)
            .fetch(CYCLE.CYCLE_ID);
    List<String> abandoned = new ArrayList<>();
    for (String cycleId : open) {
      Optional<String> why = lost.apply(cycleId);
      if (why.isPresent() && close(cycleId, why.get(), actor)) {
        abandoned.add(cycleId);
      }
    }
    ApplyingRepairs.Resolved settled =
        repairs == null
            ? new ApplyingRepairs.Resolved(0, 0, 0)
            : repairs.resolveClosedCycles(actor);
    return new Swept(abandoned, settled);
  }
}
