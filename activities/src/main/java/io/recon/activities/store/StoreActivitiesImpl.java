package io.recon.activities.store;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.WATERMARK;

import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.core.spec.SpecException;
import io.recon.core.spec.SpecLoader;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.CycleOpened;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.ResolvedSpec;
import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.failure.FailureType;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link StoreActivities} on the recon store. */
public final class StoreActivitiesImpl implements StoreActivities {
  private static final List<String> OPEN =
      List.of(
          CycleState.RUNNING.name(), CycleState.AWAITING_APPROVAL.name(), CycleState.GATED.name());

  private static final AuditLog AUDIT = new AuditLog(Clock.systemUTC());

  private final DSLContext dsl;
  private final SpecRegistry registry;

  public StoreActivitiesImpl(DataSource store) {
    this.dsl = Stores.dsl(store);
    this.registry = new SpecRegistry(store, Clock.systemUTC());
  }

  /**
   * Reads the version from the registry and parses its text with the same checks as {@code recon
   * spec check}. A store outage is transient like any other; an unknown name or version is not.
   */
  @Override
  public ResolvedSpec resolveSpec(SpecRef ref) {
    SpecVersion v;
    try {
      v =
          Stores.run(
              dsl, "resolving spec " + ref.name(), d -> registry.get(ref.name(), ref.version()));
    } catch (UnknownSpecException e) {
      throw Failures.permanent(FailureType.UNKNOWN_SPEC, e.getMessage());
    }
    String label = "spec " + v.name() + " version " + v.version();
    try {
      return new ResolvedSpec(SpecLoader.parse(v.yaml(), label), v.version(), v.hash());
    } catch (SpecException e) {
      throw Failures.permanent(
          FailureType.BAD_SPEC,
          label + " in the registry no longer passes the spec checks: " + e.getMessage());
    }
  }

  /**
   * Inserts the cycle as RUNNING. A transaction-scoped advisory lock on the spec name serializes
   * openers of one job, so two cycles can never both pass the "no other open cycle" check.
   */
  @Override
  public CycleOpened openCycle(OpenCycle request) {
    var spec = request.spec();
    Lineage lineage = Lineage.current();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Stores.run(
        dsl,
        "opening cycle " + request.cycleId(),
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon:" + spec.name());
                  boolean exists = ctx.fetchExists(CYCLE, CYCLE.CYCLE_ID.eq(request.cycleId()));
                  if (!exists) {
                    refuseOverlap(ctx, request);
                    insert(ctx, request, lineage, now);
                    AUDIT.append(ctx, spec.name(), List.of(CycleEvents.started(request)));
                  }
                  OffsetDateTime watermark =
                      ctx.select(WATERMARK.WATERMARK_)
                          .from(WATERMARK)
                          .where(WATERMARK.SPEC_NAME.eq(spec.name()))
                          .fetchOne(WATERMARK.WATERMARK_);
                  if (!exists) {
                    ctx.update(CYCLE)
                        .set(CYCLE.WATERMARK_FROM, watermark)
                        .where(CYCLE.CYCLE_ID.eq(request.cycleId()))
                        .execute();
                  }
                  return new CycleOpened(watermark == null ? null : watermark.toInstant());
                }));
  }

  /**
   * A full or incremental cycle of a job never overlaps another one. Key-set cycles (a feed's) may
   * overlap each other, each holding keys no other one holds, and a full cycle is not refused by
   * them (the feed pauses its key-set cycles while a full cycle is open, so a feed that always has
   * keys waiting cannot keep the scheduled backstop from running); a key-set cycle is refused by an
   * open full or incremental cycle.
   */
  private static void refuseOverlap(DSLContext ctx, OpenCycle request) {
    String specName = request.spec().name();
    String other =
        ctx.select(CYCLE.CYCLE_ID)
            .from(CYCLE)
            .where(
                CYCLE.SPEC_NAME.eq(specName),
                CYCLE.STATUS.in(OPEN),
                CYCLE.MODE.ne(Mode.KEYS.name()),
                CYCLE.CYCLE_ID.ne(request.cycleId()))
            .limit(1)
            .fetchOne(CYCLE.CYCLE_ID);
    if (other != null) {
      throw Failures.permanent(
          FailureType.CYCLE_ALREADY_RUNNING,
          "cycle "
              + other
              + " of spec "
              + specName
              + " is still open; cycles of one job never overlap");
    }
  }

  private static void insert(
      DSLContext ctx, OpenCycle request, Lineage lineage, OffsetDateTime now) {
    var spec = request.spec();
    Instant started = request.startedAt() == null ? now.toInstant() : request.startedAt();
    ctx.insertInto(CYCLE)
        .set(CYCLE.CYCLE_ID, request.cycleId())
        .set(CYCLE.RUN_ID, request.runId())
        .set(CYCLE.SPEC_NAME, spec.name())
        .set(CYCLE.SPEC_HASH, spec.canonicalHash())
        .set(CYCLE.MODE, request.mode().name())
        .set(CYCLE.INITIATOR, CycleEvents.initiator(request))
        .set(CYCLE.SPEC_VERSION, request.specVersion())
        .set(CYCLE.STATUS, CycleState.RUNNING.name())
        .set(CYCLE.WORKER_IDENTITY, lineage.workerIdentity())
        .set(CYCLE.STARTED_AT, started.atOffset(ZoneOffset.UTC))
        .set(CYCLE.UPDATED_AT, now)
        .execute();
  }

  /**
   * Records the end state and totals. When COMPLETED, moves the job's watermark in the same
   * transaction, and only forward: a late, older cycle never moves it back.
   */
  @Override
  public void closeCycle(CloseCycle request) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Stores.run(
        dsl,
        "closing cycle " + request.cycleId(),
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  var before =
                      ctx.select(CYCLE.STATUS, CYCLE.FINISHED_AT)
                          .from(CYCLE)
                          .where(CYCLE.CYCLE_ID.eq(request.cycleId()))
                          .forUpdate()
                          .fetchOne();
                  // A retried close of a cycle already closed in this state records nothing twice.
                  boolean closedBefore =
                      before != null
                          && before.value2() != null
                          && request.state().name().equals(before.value1());
                  if (before != null
                      && keepsEarlierEnd(before.value1(), before.value2(), request)) {
                    return null;
                  }
                  if (end(ctx, request, now) == 0) {
                    throw Failures.permanent(
                        FailureType.BAD_SPEC, "cycle " + request.cycleId() + " was never opened");
                  }
                  if (!closedBefore) {
                    anchor(ctx, request);
                  }
                  if (request.state() == CycleState.COMPLETED && request.watermarkTo() != null) {
                    advanceWatermark(ctx, request, now);
                  }
                  return null;
                }));
  }

  /** Records the cycle's end state and totals; the number of cycles updated (0 or 1). */
  private static int end(DSLContext ctx, CloseCycle request, OffsetDateTime now) {
    var c = request.counts();
    var gate = request.gate();
    var update =
        ctx.update(CYCLE)
            .set(CYCLE.STATUS, request.state().name())
            .set(CYCLE.FINISHED_AT, DSL.coalesce(CYCLE.FINISHED_AT, DSL.val(now)))
            .set(CYCLE.RANGES_TOTAL, request.rangesTotal())
            .set(CYCLE.RANGES_DONE, request.rangesDone())
            .set(CYCLE.ERROR, request.error())
            .set(CYCLE.UPDATED_AT, now);
    if (c != null) {
      update =
          update
              .set(CYCLE.COMPARED, c.volumes().compared())
              .set(CYCLE.MISSING, c.persistent().missing())
              .set(CYCLE.ORPHAN, c.persistent().orphan())
              .set(CYCLE.MISMATCH, c.persistent().mismatch())
              .set(CYCLE.TRANSIENT, c.transientCount());
    }
    if (gate != null) {
      update =
          update.set(CYCLE.GATE_RATIO, gate.ratio()).set(CYCLE.GATE_THRESHOLD, gate.threshold());
    }
    if (request.watermarkTo() != null) {
      update = update.set(CYCLE.WATERMARK_TO, request.watermarkTo().atOffset(ZoneOffset.UTC));
    }
    return update.where(CYCLE.CYCLE_ID.eq(request.cycleId())).execute();
  }

  // Only forward: a late, older cycle never moves the job's watermark back.
  private static void advanceWatermark(DSLContext ctx, CloseCycle request, OffsetDateTime now) {
    OffsetDateTime to = request.watermarkTo().atOffset(ZoneOffset.UTC);
    ctx.insertInto(WATERMARK)
        .set(WATERMARK.SPEC_NAME, request.specName())
        .set(WATERMARK.WATERMARK_, to)
        .set(WATERMARK.CYCLE_ID, request.cycleId())
        .set(WATERMARK.SPEC_HASH, request.specHash())
        .set(WATERMARK.UPDATED_AT, now)
        .onConflict(WATERMARK.SPEC_NAME)
        .doUpdate()
        .set(WATERMARK.WATERMARK_, to)
        .set(WATERMARK.CYCLE_ID, request.cycleId())
        .set(WATERMARK.SPEC_HASH, request.specHash())
        .set(WATERMARK.UPDATED_AT, now)
        .where(WATERMARK.WATERMARK_.lt(to))
        .execute();
  }

  /**
   * Whether a cycle already closed keeps its recorded end: a cancel never overwrites a result that
   * was recorded first, and a late close never overwrites a cancel. A close after ABANDONED does
   * overwrite it: the workflow's own account is truer than recon's conclusion that it was lost.
   */
  private static boolean keepsEarlierEnd(
      String status, OffsetDateTime finishedAt, CloseCycle request) {
    if (finishedAt == null || request.state().name().equals(status)) {
      return false;
    }
    return CycleState.CANCELLED.name().equals(status) || request.state() == CycleState.CANCELLED;
  }

  /**
   * Appends {@code cycle.finished} ({@code cycle.cancelled} for a cancelled cycle, by whoever
   * cancelled it) and anchors the chain's new head on the cycle, in the closing transaction, so
   * deleting the newest audit rows is detected.
   */
  private static void anchor(DSLContext ctx, CloseCycle request) {
    AuditLog.Head head =
        AUDIT.append(
            ctx,
            request.specName(),
            List.of(CycleEvents.closed(request, Lineage.processIdentity())));
    ctx.update(CYCLE)
        .set(CYCLE.AUDIT_SEQ, head.seq())
        .set(CYCLE.AUDIT_HASH, head.hash())
        .where(CYCLE.CYCLE_ID.eq(request.cycleId()))
        .execute();
  }
}
