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
    int n = rows.size();
    String[] hashes = new String[n];
    String[] texts = new String[n];
    String[] jsons = new String[n];
    String[] kinds = new String[n];
    String[] severities = new String[n];
    String[] fields = new String[n];
    String[] sourceHashes = new String[n];
    String[] targetHashes = new String[n];
    String[] details = new String[n];
    String[] workflows = new String[n];
    String[] runs = new String[n];
    String[] workers = new String[n];
    for (int i = 0; i < n; i++) {
      DiscrepancyRow r = rows.get(i);
      hashes[i] = r.keyHash();
      texts[i] = r.keyText();
      jsons[i] = r.keyJson();
      kinds[i] = r.kind();
      severities[i] = r.severity();
      fields[i] = r.fields();
      sourceHashes[i] = r.sourceHash();
      targetHashes[i] = r.targetHash();
      details[i] = r.detail();
      workflows[i] = r.lineage().workflowId();
      runs[i] = r.lineage().runId();
      workers[i] = r.lineage().workerIdentity();
    }
    Stores.run(
        dsl,
        "writing discrepancies of " + scope.cycleId(),
        ctx -> {
          // One statement of arrays, one per column, unnested into rows: a dozen bind values
          // whatever the batch's size, where a VALUES list had twenty per row for jOOQ to render
          // and PostgreSQL to parse (the top CPU site of the worker's store writes).
          ctx.execute(
              "insert into recon.discrepancy (cycle_id, spec_name, spec_hash, range_index, status,"
                  + " first_seen_at, last_seen_at, updated_at, key_hash, key_text, key_json, kind,"
                  + " severity, fields, source_hash, target_hash, detail, workflow_id, run_id,"
                  + " worker_identity)"
                  + " select ?, ?, ?, ?::integer, ?, ?::timestamptz, ?::timestamptz,"
                  + " ?::timestamptz, u.* from unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                  + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                  + " ?::text[]) as u"
                  + " on conflict (cycle_id, key_hash, kind) do update set"
                  + " severity = excluded.severity, fields = excluded.fields,"
                  + " source_hash = excluded.source_hash, target_hash = excluded.target_hash,"
                  + " detail = excluded.detail, workflow_id = excluded.workflow_id,"
                  + " run_id = excluded.run_id, worker_identity = excluded.worker_identity,"
                  + " last_seen_at = excluded.last_seen_at, updated_at = excluded.updated_at",
              scope.cycleId(),
              scope.specName(),
              scope.specHash(),
              scope.rangeIndex(),
              DiscrepancyStatus.DETECTED.name(),
              now,
              now,
              now,
              hashes,
              texts,
              jsons,
              kinds,
              severities,
              fields,
              sourceHashes,
              targetHashes,
              details,
              workflows,
              runs,
              workers);
          // Two statements that each walk an index, rather than one UPDATE ... FROM whose plan,
          // on a table that grows during the cycle, degraded to rescanning the cycle's rows once
          // per batch (measured at up to 11 s a batch by the 100k bench). The earlier sightings
          // are looked up key by key, in a LATERAL subquery on (spec_name, key_hash): a plain join
          // of the keys to the table (or "key_hash = any(?)") is planned from the table's
          // statistics, and while they lag its growth (a table never analyzed, a cycle's rows
          // written seconds ago) PostgreSQL estimated one row for the spec and rescanned the
          // batch's keys once per row of the spec: 1.2 s a batch of 500 over 6,000 earlier rows,
          // 3.9 s of a 200k bench run's third cycle. The lateral form probes the index once per
          // key whatever the statistics say (8 ms for the same batch).
          String[] distinct = java.util.Arrays.stream(hashes).distinct().toArray(String[]::new);
          var earlier =
              ctx.resultQuery(
                      "select k.key_hash, e.kind, e.first"
                          + " from unnest(?::text[]) as k(key_hash)"
                          + " cross join lateral (select d.kind, min(d.first_seen_at) as first"
                          + " from recon.discrepancy d"
                          + " where d.spec_name = ? and d.key_hash = k.key_hash"
                          + " and d.cycle_id <> ? and d.resolved_at is null"
                          + " and d.status not in ('TRANSIENT', 'REPAIRED')"
                          + " group by d.kind) as e",
                      distinct,
                      scope.specName(),
                      scope.cycleId())
                  .fetch();
          if (earlier.isEmpty()) {
            return 0;
          }
          int m = earlier.size();
          String[] earlierHashes = new String[m];
          String[] earlierKinds = new String[m];
          OffsetDateTime[] firsts = new OffsetDateTime[m];
          for (int i = 0; i < m; i++) {
            var r = earlier.get(i);
            earlierHashes[i] = r.get(0, String.class);
            earlierKinds[i] = r.get(1, String.class);
            firsts[i] = r.get(2, OffsetDateTime.class);
          }
          // By natural key, one statement for the batch (was a statement per key).
          return ctx.execute(
              "update recon.discrepancy d set first_seen_at = u.first"
                  + " from unnest(?::text[], ?::text[], ?::timestamptz[]) as u(key_hash, kind, first)"
                  + " where d.cycle_id = ? and d.key_hash = u.key_hash and d.kind = u.kind"
                  + " and d.first_seen_at > u.first",
              earlierHashes,
              earlierKinds,
              firsts,
              scope.cycleId());
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
                  var deletes = new ArrayList<Query>();
                  var persisting = new ArrayList<Persisting>();
                  for (Verdict v : verdicts) {
                    if (v.persisting() == null) {
                      agreed.add(v.detected().id());
                    } else {
                      persisting.add(persist(ctx, scope, v, deletes));
                    }
                  }
                  var updates = new ArrayList<Query>(deletes);
                  if (!agreed.isEmpty()) {
                    updates.add(
                        ctx.update(d)
                            .set(d.STATUS, DiscrepancyStatus.TRANSIENT.name())
                            .set(d.RESOLVED_AT, now)
                            .set(d.UPDATED_AT, now)
                            .where(d.ID.in(agreed)));
                  }
                  if (!updates.isEmpty()) {
                    ctx.batch(updates).execute();
                  }
                  markPersistent(ctx, persisting, now);
                  AUDIT.append(ctx, scope.specName(), events);
                  return null;
                }));
  }

  /** What the recheck found for a row it makes PERSISTENT; a null detail keeps the stored one. */
  private record Persisting(long id, DiscrepancyRow row, String detail) {}

  /**
   * The update that makes the row of {@code v} PERSISTENT with what the recheck found. A row whose
   * kind changed takes the new kind and says so in its detail; if a row of that kind already exists
   * for the key, that row is updated and this one deleted (added to {@code deletes}).
   */
  private static Persisting persist(DSLContext ctx, Scope scope, Verdict v, List<Query> deletes) {
    var d = DISCREPANCY;
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
        deletes.add(ctx.deleteFrom(d).where(d.ID.eq(id)));
        id = other.get(d.ID);
      }
    }
    return new Persisting(id, p, detail);
  }

  /**
   * The PERSISTENT rows of a batch in one {@code UPDATE ... FROM unnest(...)} joined by primary
   * key, rather than a statement per row (whose rendering by jOOQ and round trips were most of a
   * recheck's store time). Two verdicts that land on one row (a key rechecked under two kinds that
   * both became the same one) are applied one after the other, in order, as before.
   */
  private static void markPersistent(DSLContext ctx, List<Persisting> rows, OffsetDateTime now) {
    if (rows.isEmpty()) {
      return;
    }
    var seen = new java.util.HashSet<Long>();
    var first = new ArrayList<Persisting>(rows.size());
    var again = new ArrayList<Persisting>();
    for (Persisting r : rows) {
      (seen.add(r.id()) ? first : again).add(r);
    }
    updatePersistent(ctx, first, now);
    for (Persisting r : again) {
      updatePersistent(ctx, List.of(r), now);
    }
  }

  private static void updatePersistent(DSLContext ctx, List<Persisting> rows, OffsetDateTime now) {
    ctx.execute(
        "update recon.discrepancy d set status = ?, kind = u.kind, severity = u.severity,"
            + " fields = u.fields, source_hash = u.source_hash, target_hash = u.target_hash,"
            + " detail = coalesce(u.detail, d.detail), workflow_id = u.workflow_id,"
            + " run_id = u.run_id, worker_identity = u.worker_identity,"
            + " last_seen_at = ?::timestamptz, updated_at = ?::timestamptz"
            + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as u(id, kind, severity, fields, source_hash, target_hash, detail, workflow_id,"
            + " run_id, worker_identity)"
            + " where d.id = u.id",
        DiscrepancyStatus.PERSISTENT.name(),
        now,
        now,
        rows.stream().map(Persisting::id).toArray(Long[]::new),
        rows.stream().map(r -> r.row().kind()).toArray(String[]::new),
        rows.stream().map(r -> r.row().severity()).toArray(String[]::new),
        rows.stream().map(r -> r.row().fields()).toArray(String[]::new),
        rows.stream().map(r -> r.row().sourceHash()).toArray(String[]::new),
        rows.stream().map(r -> r.row().targetHash()).toArray(String[]::new),
        rows.stream().map(Persisting::detail).toArray(String[]::new),
        rows.stream().map(r -> r.row().lineage().workflowId()).toArray(String[]::new),
        rows.stream().map(r -> r.row().lineage().runId()).toArray(String[]::new),
        rows.stream().map(r -> r.row().lineage().workerIdentity()).toArray(String[]::new));
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
