package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DISCREPANCY;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Lineage;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The store side of repairs: which discrepancies are approved, the write-ahead repair rows under
 * their idempotency keys (with before-images, encrypted when a cipher is set), and each batch's
 * outcomes, audit events and discrepancy statuses, written in one transaction with batched
 * statements rather than a round trip per record.
 */
final class RepairLedger {
  private final DSLContext dsl;
  private final AuditCipher cipher;
  private final AuditLog audit;

  RepairLedger(DSLContext dsl, AuditCipher cipher, AuditLog audit) {
    this.dsl = dsl;
    this.cipher = cipher;
    this.audit = audit;
  }

  /** Up to {@code limit} APPROVED discrepancies of the cycle, by id. */
  List<Approved> approved(String cycleId, int limit) {
    var d = DISCREPANCY;
    return dsl.select(
            d.ID, d.KEY_TEXT, d.KEY_JSON, d.KEY_HASH, d.KIND, d.TARGET_HASH, d.FIRST_SEEN_AT)
        .from(d)
        .where(d.CYCLE_ID.eq(cycleId), d.STATUS.eq(DiscrepancyStatus.APPROVED.name()))
        .orderBy(d.ID)
        .limit(limit)
        .fetch(
            r ->
                new Approved(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    DiscrepancyKind.valueOf(r.value5()),
                    r.value6(),
                    r.value7()));
  }

  /** Marks the items whose idempotency key already has a repair row, with that row's status. */
  void findExisting(List<RepairItem> items) {
    Map<String, RepairItem> byKey = new HashMap<>();
    items.forEach(i -> byKey.put(i.idempotencyKey, i));
    byKeys(dsl, byKey.keySet())
        .forEach(
            r -> {
              RepairItem it = byKey.get(r.get(1, String.class));
              it.repairId = r.get(0, Long.class);
              it.existing = RepairStatus.valueOf(r.get(2, String.class));
            });
  }

  /**
   * The repair rows of these idempotency keys: id, key and status. The keys are one array bind
   * rather than an {@code IN} list of a bind per key for jOOQ to render and PostgreSQL to parse,
   * each looked up in a {@code LATERAL} subquery on the unique index: a plain join is planned from
   * the table's statistics, and while they lag its growth PostgreSQL can rescan the keys once per
   * row of the table (measured on the discrepancy table's lookup of earlier sightings, see
   * DiscrepancyStore.upsert); the lateral form probes the index once per key whatever they say.
   */
  private static Result<Record> byKeys(DSLContext ctx, Collection<String> keys) {
    return ctx.resultQuery(
            "select r.id, r.idempotency_key, r.status"
                + " from unnest(?::text[]) as k(idempotency_key)"
                + " cross join lateral (select x.id, x.idempotency_key, x.status"
                + " from recon.repair x where x.idempotency_key = k.idempotency_key) as r",
            (Object) keys.toArray(String[]::new))
        .fetch();
  }

  /** Commits an APPLYING row per new write before MongoDB is touched. */
  void writeAhead(JobSpec spec, String cycleId, List<RepairItem> items, Lineage lineage) {
    var fresh = items.stream().filter(i -> i.write != null && i.repairId == null).toList();
    if (fresh.isEmpty()) {
      return;
    }
    // One INSERT statement, committed on its own (autocommit): no transaction around it to open
    // and commit in another round trip. Rows another attempt inserted first are read back after.
    insert(dsl, spec, cycleId, fresh, true, lineage, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /**
   * Inserts the repair rows of {@code items} in one statement (a round trip per batch, not per
   * record) and sets each item's {@code repairId}; an idempotency key that already has a row, such
   * as one a concurrent attempt inserted first, keeps that row, which is the one to finish.
   *
   * @param writeAhead APPLYING rows, or else each item's own settled status
   */
  private void insert(
      DSLContext ctx,
      JobSpec spec,
      String cycleId,
      List<RepairItem> items,
      boolean writeAhead,
      Lineage lineage,
      OffsetDateTime now) {
    if (items.isEmpty()) {
      return;
    }
    int n = items.size();
    var keys = new String[n];
    var discrepancies = new Long[n];
    var actions = new String[n];
    var statuses = new String[n];
    var sourceHashes = new String[n];
    var targetHashes = new String[n];
    var befores = new String[n];
    var beforeSealed = new Boolean[n];
    var afters = new String[n];
    var afterSealed = new Boolean[n];
    var filters = new String[n];
    var errors = new String[n];
    for (int i = 0; i < n; i++) {
      RepairItem it = items.get(i);
      String before = it.doc == null ? null : it.doc.toJson(Repairer.EXTENDED);
      String after =
          it.write == null || it.write.after() == null
              ? null
              : it.write.after().toJson(Repairer.EXTENDED);
      keys[i] = it.idempotencyKey;
      discrepancies[i] = it.d.id();
      actions[i] = it.action().name();
      statuses[i] = (writeAhead ? RepairStatus.APPLYING : it.status).name();
      sourceHashes[i] = it.row == null ? null : it.row.record().hashHex();
      targetHashes[i] = it.d.targetHash();
      befores[i] = seal(before);
      beforeSealed[i] = cipher != null && before != null;
      afters[i] = seal(after);
      afterSealed[i] = cipher != null && after != null;
      filters[i] = it.keyFilter;
      errors[i] = it.error;
    }
    // One statement of arrays, one per column, unnested into rows: a dozen bind values whatever
    // the batch's size, where a VALUES list had twenty per row for jOOQ to render and PostgreSQL
    // to parse.
    var inserted =
        ctx.resultQuery(
            "insert into recon.repair (idempotency_key, discrepancy_id, action, status,"
                + " source_hash, target_hash_before, before_image, before_encrypted, after_image,"
                + " after_encrypted, key_filter, error, cycle_id, spec_name, target_ns,"
                + " workflow_id, run_id, worker_identity, created_at, updated_at)"
                + " select u.*, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz from unnest("
                + "?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::boolean[], ?::text[], ?::boolean[], ?::text[], ?::text[]) as u"
                + " on conflict (idempotency_key) do nothing returning id, idempotency_key",
            cycleId,
            spec.name(),
            spec.target().database() + "." + spec.target().collection(),
            lineage.workflowId(),
            lineage.runId(),
            lineage.workerIdentity(),
            now,
            now,
            keys,
            discrepancies,
            actions,
            statuses,
            sourceHashes,
            targetHashes,
            befores,
            beforeSealed,
            afters,
            afterSealed,
            filters,
            errors);
    Map<String, Long> ids = new HashMap<>();
    inserted.fetch().forEach(x -> ids.put(x.get(1, String.class), x.get(0, Long.class)));
    List<String> taken =
        items.stream().map(i -> i.idempotencyKey).filter(k -> !ids.containsKey(k)).toList();
    if (!taken.isEmpty()) {
      byKeys(ctx, taken).forEach(x -> ids.put(x.get(1, String.class), x.get(0, Long.class)));
    }
    for (RepairItem it : items) {
      it.repairId = ids.get(it.idempotencyKey);
    }
  }

  private String seal(String text) {
    return text == null || cipher == null ? text : cipher.encrypt(text);
  }

  /**
   * Records every outcome of the batch, its audit events and the discrepancies' statuses in one
   * transaction, and returns the progress with this batch's counts added.
   */
  Repairer.Progress record(
      JobSpec spec,
      String cycleId,
      List<RepairItem> items,
      Lineage lineage,
      Repairer.Progress progress) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long applied = 0;
    long skipped = 0;
    long failed = 0;
    var events = new ArrayList<AuditEvent>();
    for (RepairItem it : items) {
      if (it.settledBefore()) {
        continue;
      }
      switch (it.status) {
        case APPLIED -> applied++;
        case FAILED -> failed++;
        case SKIPPED_CONCURRENT_CHANGE -> skipped++;
        case APPLYING -> throw new IllegalStateException("repair " + it.repairId + " not settled");
      }
      events.add(auditEvent(spec, cycleId, it, lineage));
    }
    dsl.transaction(
        tx -> {
          DSLContext ctx = tx.dsl();
          insert(
              ctx,
              spec,
              cycleId,
              items.stream().filter(i -> i.repairId == null).toList(),
              false,
              lineage,
              now);
          settle(ctx, items, now);
          audit.append(ctx, spec.name(), events);
        });
    return new Repairer.Progress(
        progress.applied() + applied, progress.skipped() + skipped, progress.failed() + failed);
  }

  /**
   * Each item's outcome onto its repair row and its discrepancy, in one statement for the whole
   * batch: two {@code UPDATE ... FROM unnest(...)} of arrays, each joined by primary key, the first
   * in a data-modifying {@code WITH}, so the batch's settle is one round trip rather than a
   * statement per row or per table. A discrepancy moves only while it is still APPROVED. Whether
   * each was applied travels as a boolean and the batch's one timestamp as one bind, so no
   * timestamp is rendered per row.
   */
  private static void settle(DSLContext ctx, List<RepairItem> items, OffsetDateTime now) {
    // Rows recorded by an earlier attempt keep their repair row as it is; their discrepancy moves.
    var unsettled = items.stream().filter(i -> !i.settledBefore()).toList();
    ctx.execute(
        "with settled as (update recon.repair r set status = u.status, error = u.error,"
            + " target_hash_after = u.hash,"
            + " applied_at = case when u.applied then ?::timestamptz end,"
            + " updated_at = ?::timestamptz"
            + " from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::boolean[])"
            + " as u(id, status, error, hash, applied) where r.id = u.id)"
            + " update recon.discrepancy d set status = u.status,"
            + " resolved_at = case when u.applied then ?::timestamptz end,"
            + " detail = u.detail, updated_at = ?::timestamptz"
            + " from unnest(?::bigint[], ?::text[], ?::boolean[], ?::text[])"
            + " as u(id, status, applied, detail) where d.id = u.id and d.status = ?",
        now,
        now,
        unsettled.stream().map(i -> i.repairId).toArray(Long[]::new),
        unsettled.stream().map(i -> i.status.name()).toArray(String[]::new),
        unsettled.stream().map(i -> i.error).toArray(String[]::new),
        unsettled.stream().map(i -> i.afterHash).toArray(String[]::new),
        unsettled.stream().map(RepairLedger::applied).toArray(Boolean[]::new),
        now,
        now,
        items.stream().map(i -> i.d.id()).toArray(Long[]::new),
        items.stream().map(i -> i.status.discrepancyStatus().name()).toArray(String[]::new),
        items.stream().map(RepairLedger::applied).toArray(Boolean[]::new),
        items.stream().map(i -> i.error).toArray(String[]::new),
        DiscrepancyStatus.APPROVED.name());
  }

  private static Boolean applied(RepairItem it) {
    return it.status == RepairStatus.APPLIED;
  }

  private static AuditEvent auditEvent(
      JobSpec spec, String cycleId, RepairItem it, Lineage lineage) {
    var m = AuditDetails.map();
    m.put("kind", it.d.kind());
    m.put("action", it.action());
    AuditDetails.key(m, spec, it.d.keyJson(), it.d.keyHash());
    if (it.error != null) {
      m.put("error", it.error);
    }
    return new AuditEvent(
        cycleId,
        lineage.workerIdentity(),
        it.status.auditAction(),
        Long.toString(it.d.id()),
        AuditDetails.json(m),
        it.status == RepairStatus.APPLIED ? null : it.error);
  }
}
