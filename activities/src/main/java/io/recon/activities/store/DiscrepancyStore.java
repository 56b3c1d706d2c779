package io.recon.activities.store;

import static io.recon.schema.jooq.Tables.DISCREPANCY;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.Severity;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.SettledCounts;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The discrepancies of a cycle ({@code recon.discrepancy}). Every write is keyed by the natural key
 * (cycle, key hash, kind), so a retried activity updates rows instead of adding them, and every
 * write is one statement per batch.
 */
public final class DiscrepancyStore {
  private static final AuditLog AUDIT = new AuditLog(Clock.systemUTC());

  private final DSLContext dsl;

  public DiscrepancyStore(DataSource store) {
    this.dsl = Stores.dsl(store);
  }

  /** Where rows are written: the cycle, its spec and the range. */
  public record Scope(String cycleId, String specName, String specHash, int rangeIndex) {}

  /** A DETECTED row awaiting recheck. */
  public record Detected(long id, String keyHash, String keyText, String kind, String severity) {}

  /**
   * Inserts {@code rows} as DETECTED, or refreshes the rows of the same natural key (their status
   * and first sighting are kept). A key that an earlier cycle of the spec already saw, unresolved,
   * keeps that earlier first sighting, so persistent drift shows its true age.
   */
  public void upsert(Scope scope, List<DiscrepancyRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    var d = DISCREPANCY;
    Stores.run(
        dsl,
        "writing discrepancies of " + scope.cycleId(),
        ctx -> {
          var insert =
              ctx.insertInto(d)
                  .columns(
                      d.CYCLE_ID,
                      d.SPEC_NAME,
                      d.SPEC_HASH,
                      d.RANGE_INDEX,
                      d.KEY_HASH,
                      d.KEY_TEXT,
                      d.KEY_JSON,
                      d.KIND,
                      d.SEVERITY,
                      d.STATUS,
                      d.FIELDS,
                      d.SOURCE_HASH,
                      d.TARGET_HASH,
                      d.DETAIL,
                      d.WORKFLOW_ID,
                      d.RUN_ID,
                      d.WORKER_IDENTITY,
                      d.FIRST_SEEN_AT,
                      d.LAST_SEEN_AT,
                      d.UPDATED_AT);
          for (DiscrepancyRow r : rows) {
            insert =
                insert.values(
                    scope.cycleId(),
                    scope.specName(),
                    scope.specHash(),
                    scope.rangeIndex(),
                    r.keyHash(),
                    r.keyText(),
                    r.keyJson(),
                    r.kind(),
                    r.severity(),
                    DiscrepancyStatus.DETECTED.name(),
                    r.fields(),
                    r.sourceHash(),
                    r.targetHash(),
                    r.detail(),
                    r.lineage().workflowId(),
                    r.lineage().runId(),
                    r.lineage().workerIdentity(),
                    now,
                    now,
                    now);
          }
          insert
              .onConflict(d.CYCLE_ID, d.KEY_HASH, d.KIND)
              .doUpdate()
              .set(d.SEVERITY, DSL.excluded(d.SEVERITY))
              .set(d.FIELDS, DSL.excluded(d.FIELDS))
              .set(d.SOURCE_HASH, DSL.excluded(d.SOURCE_HASH))
              .set(d.TARGET_HASH, DSL.excluded(d.TARGET_HASH))
              .set(d.DETAIL, DSL.excluded(d.DETAIL))
              .set(d.WORKFLOW_ID, DSL.excluded(d.WORKFLOW_ID))
              .set(d.RUN_ID, DSL.excluded(d.RUN_ID))
              .set(d.WORKER_IDENTITY, DSL.excluded(d.WORKER_IDENTITY))
              .set(d.LAST_SEEN_AT, DSL.excluded(d.LAST_SEEN_AT))
              .set(d.UPDATED_AT, DSL.excluded(d.UPDATED_AT))
              .execute();
          String[] hashes = rows.stream().map(DiscrepancyRow::keyHash).toArray(String[]::new);
          // Two statements that each walk an index, rather than one UPDATE ... FROM whose plan,
          // on a table that grows during the cycle, degraded to rescanning the cycle's rows once
          // per batch (measured at up to 11 s a batch by the 100k bench).
          var earlier =
              ctx.resultQuery(
                      "select key_hash, kind, min(first_seen_at) from recon.discrepancy"
                          + " where spec_name = ? and key_hash = any(?) and cycle_id <> ?"
                          + " and resolved_at is null and status not in ('TRANSIENT', 'REPAIRED')"
                          + " group by key_hash, kind",
                      scope.specName(),
                      hashes,
                      scope.cycleId())
                  .fetch();
          if (earlier.isEmpty()) {
            return 0;
          }
          var batch =
              ctx.batch(
                  ctx.update(d)
                      .set(d.FIRST_SEEN_AT, (OffsetDateTime) null)
                      .where(
                          d.CYCLE_ID.eq((String) null),
                          d.KEY_HASH.eq((String) null),
                          d.KIND.eq((String) null),
                          d.FIRST_SEEN_AT.gt((OffsetDateTime) null)));
          for (var r : earlier) {
            OffsetDateTime first = r.get(2, OffsetDateTime.class);
            batch.bind(
                first, scope.cycleId(), r.get(0, String.class), r.get(1, String.class), first);
          }
          return batch.execute().length;
        });
  }

  /** Up to {@code limit} DETECTED rows of the range with an id above {@code afterId}, by id. */
  public List<Detected> detected(Scope scope, long afterId, int limit) {
    var d = DISCREPANCY;
    return Stores.run(
        dsl,
        "reading discrepancies of " + scope.cycleId(),
        ctx ->
            ctx.select(d.ID, d.KEY_HASH, d.KEY_TEXT, d.KIND, d.SEVERITY)
                .from(d)
                .where(
                    d.CYCLE_ID.eq(scope.cycleId()),
                    d.RANGE_INDEX.eq(scope.rangeIndex()),
                    d.STATUS.eq(DiscrepancyStatus.DETECTED.name()),
                    d.ID.gt(afterId))
                .orderBy(d.ID)
                .limit(limit)
                .fetch(
                    r -> new Detected(r.value1(), r.value2(), r.value3(), r.value4(), r.value5())));
  }

  /** The verdict of a recheck on one row: agreement (null row) or the difference that persists. */
  public record Verdict(Detected detected, DiscrepancyRow persisting) {}

  /**
   * Applies a batch of recheck verdicts in one transaction. A row whose kind changed (a mismatch
   * whose document is now gone) takes the new kind; if a row of that kind already exists for the
   * key (an earlier attempt saw it), that row is updated and the old one removed, so each key keeps
   * one row per kind.
   */
  public void settle(Scope scope, List<Verdict> verdicts) {
    settle(scope, verdicts, List.of());
  }

  /** As {@link #settle(Scope, List)}, appending {@code events} to the spec's audit chain. */
  public void settle(Scope scope, List<Verdict> verdicts, List<AuditEvent> events) {
    if (verdicts.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    var d = DISCREPANCY;
    Stores.run(
        dsl,
        "recording rechecks of " + scope.cycleId(),
        c ->
            c.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  var agreed = new ArrayList<Long>();
                  var updates = new ArrayList<Query>();
                  for (Verdict v : verdicts) {
                    if (v.persisting() == null) {
                      agreed.add(v.detected().id());
                    } else {
                      updates.addAll(persist(ctx, scope, v, now));
                    }
                  }
                  if (!agreed.isEmpty()) {
                    updates.add(
                        ctx.update(d)
                            .set(d.STATUS, DiscrepancyStatus.TRANSIENT.name())
                            .set(d.RESOLVED_AT, now)
                            .set(d.UPDATED_AT, now)
                            .where(d.ID.in(agreed)));
                  }
                  ctx.batch(updates).execute();
                  AUDIT.append(ctx, scope.specName(), events);
                  return null;
                }));
  }

  /**
   * The statements that make the row of {@code v} PERSISTENT with what the recheck found. A row
   * whose kind changed takes the new kind and says so in its detail; if a row of that kind already
   * exists for the key, that row is updated and this one deleted.
   */
  private static List<Query> persist(DSLContext ctx, Scope scope, Verdict v, OffsetDateTime now) {
    var d = DISCREPANCY;
    var queries = new ArrayList<Query>(2);
    DiscrepancyRow p = v.persisting();
    long id = v.detected().id();
    String detail = p.detail();
    if (!p.kind().equals(v.detected().kind())) {
      Record other =
          ctx.select(d.ID)
              .from(d)
              .where(
                  d.CYCLE_ID.eq(scope.cycleId()), d.KEY_HASH.eq(p.keyHash()), d.KIND.eq(p.kind()))
              .fetchOne();
      detail = kindChanged(detail, v.detected().kind(), p.kind());
      if (other != null) {
        queries.add(ctx.deleteFrom(d).where(d.ID.eq(id)));
        id = other.get(d.ID);
      }
    }
    queries.add(
        ctx.update(d)
            .set(d.STATUS, DiscrepancyStatus.PERSISTENT.name())
            .set(d.KIND, p.kind())
            .set(d.SEVERITY, p.severity())
            .set(d.FIELDS, p.fields())
            .set(d.SOURCE_HASH, p.sourceHash())
            .set(d.TARGET_HASH, p.targetHash())
            .set(d.DETAIL, detail == null ? d.DETAIL : DSL.val(detail))
            .set(d.WORKFLOW_ID, p.lineage().workflowId())
            .set(d.RUN_ID, p.lineage().runId())
            .set(d.WORKER_IDENTITY, p.lineage().workerIdentity())
            .set(d.LAST_SEEN_AT, now)
            .set(d.UPDATED_AT, now)
            .where(d.ID.eq(id)));
    return queries;
  }

  /** The detail of a row detected as {@code detected} and found {@code now} at recheck. */
  private static String kindChanged(String detail, String detected, String now) {
    String changed = "detected as " + detected + ", " + now + " at recheck";
    return detail == null ? changed : detail + "; " + changed;
  }

  /**
   * The range's counts as the table holds them: persistent ones by kind and severity, and the
   * transient ones. Counting the table, not memory, keeps a retried recheck exact.
   */
  public SettledCounts tally(Scope scope) {
    Tally t = tally(scope, false);
    return new SettledCounts(t.findings, t.severities, t.transientCount);
  }

  /**
   * The range's counts as detected, whatever their status since: what comparing the range returned,
   * for a comparison asked again after it completed. The volumes come from {@code compared}, the
   * range's stored counts.
   */
  public DetectedCounts detectedTally(Scope scope, Volumes compared) {
    Tally t = tally(scope, true);
    return new DetectedCounts(compared, t.findings, t.severities);
  }

  private static final class Tally {
    Findings findings = Findings.NONE;
    Severities severities = Severities.NONE;
    long transientCount;
  }

  private Tally tally(Scope scope, boolean asDetected) {
    var d = DISCREPANCY;
    var t = new Tally();
    Stores.run(
            dsl,
            "counting discrepancies of " + scope.cycleId(),
            ctx ->
                ctx.select(d.KIND, d.SEVERITY, d.STATUS, DSL.count())
                    .from(d)
                    .where(d.CYCLE_ID.eq(scope.cycleId()), d.RANGE_INDEX.eq(scope.rangeIndex()))
                    .groupBy(d.KIND, d.SEVERITY, d.STATUS)
                    .fetch())
        .forEach(
            r -> {
              long n = r.value4();
              if (!asDetected) {
                DiscrepancyStatus status = DiscrepancyStatus.valueOf(r.value3());
                if (status == DiscrepancyStatus.TRANSIENT) {
                  t.transientCount += n;
                  return;
                }
                if (status == DiscrepancyStatus.DETECTED) {
                  return;
                }
              }
              t.findings = t.findings.plus(DiscrepancyKind.valueOf(r.value1()), n);
              t.severities = t.severities.plus(Severity.valueOf(r.value2()), n);
            });
    return t;
  }
}
