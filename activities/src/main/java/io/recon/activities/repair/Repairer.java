package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.REPAIR;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceReader;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.activities.support.Throttle;
import io.recon.activities.target.TargetFilters;
import io.recon.activities.target.TargetReader;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.Digests;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.canonical.RecordComparator;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jooq.DSLContext;

/**
 * Applies a cycle's APPROVED repairs a batch at a time. Per batch: re-read the source rows and the
 * target documents by key; write a repair row (APPLYING, with the before-image) per write under its
 * idempotency key and commit it before touching MongoDB; send one unordered bulk write; then record
 * each outcome, its audit event and the discrepancy's status in one transaction. A retry finds the
 * APPLYING rows of a crashed attempt and decides from the target's state whether the write already
 * took effect, so nothing is written twice.
 */
final class Repairer {
  static final String APPLYING = "APPLYING";
  static final String APPLIED = "APPLIED";
  static final String SKIPPED = "SKIPPED_CONCURRENT_CHANGE";
  static final String FAILED = "FAILED";
  static final JsonWriterSettings EXTENDED =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private final DataSource source;
  private final DSLContext dsl;
  private final MongoClient mongo;
  private final AuditCipher cipher;
  private final AuditLog audit;
  private final int batchSize;
  private final RepairHooks hooks;
  private final AtomicLong writes;

  Repairer(
      DataSource source,
      DSLContext dsl,
      MongoClient mongo,
      AuditCipher cipher,
      AuditLog audit,
      int batchSize,
      RepairHooks hooks,
      AtomicLong writes) {
    this.source = source;
    this.dsl = dsl;
    this.mongo = mongo;
    this.cipher = cipher;
    this.audit = audit;
    this.batchSize = batchSize;
    this.hooks = hooks;
    this.writes = writes;
  }

  /** Progress heartbeated after each batch: a retry continues the counts. */
  record Progress(long applied, long skipped, long failed) {
    RepairOutcome outcome() {
      return new RepairOutcome(applied, skipped, failed);
    }
  }

  /** One discrepancy of a batch and what to do about it. */
  private static final class Item {
    final Approved d;
    final RecordKey key;
    SourceReader.Row row;
    Document doc;
    String idempotencyKey;
    Long repairId;
    String existing;
    RepairWrite write;
    String status;
    String error;
    String afterHash;
    String keyFilter;

    Item(Approved d) {
      this.d = d;
      this.key = StoreJson.key(d.keyText());
    }
  }

  RepairOutcome repair(CycleRef ref, Progress resume, Consumer<Progress> heartbeat) {
    JobSpec spec = ref.spec();
    Progress progress = resume == null ? new Progress(0, 0, 0) : resume;
    List<Approved> batch = approved(ref.cycleId());
    if (batch.isEmpty()) {
      return progress.outcome();
    }
    List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, false);
    var sourceReader = new SourceReader(source, spec, keyTypes);
    var target = new TargetReader(mongo, spec, keyTypes);
    var comparator = new RecordComparator(spec);
    Lineage lineage = Lineage.current();
    Throttle throttle = Throttle.of(spec.limits().writesPerSecond());
    while (!batch.isEmpty()) {
      List<Item> items = plan(spec, ref.cycleId(), batch, sourceReader, target, comparator);
      Progress beat = progress;
      throttle.acquire(items.size(), () -> heartbeat.accept(beat));
      writeAhead(spec, ref.cycleId(), items, lineage);
      apply(spec, target, comparator, items);
      progress = record(spec, ref.cycleId(), items, lineage, progress);
      heartbeat.accept(progress);
      batch = approved(ref.cycleId());
    }
    return progress.outcome();
  }

  private List<Approved> approved(String cycleId) {
    var d = DISCREPANCY;
    return dsl.select(
            d.ID, d.KEY_TEXT, d.KEY_JSON, d.KEY_HASH, d.KIND, d.TARGET_HASH, d.FIRST_SEEN_AT)
        .from(d)
        .where(d.CYCLE_ID.eq(cycleId), d.STATUS.eq(DiscrepancyStatus.APPROVED.name()))
        .orderBy(d.ID)
        .limit(batchSize)
        .fetch(
            r ->
                new Approved(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7()));
  }

  private List<Item> plan(
      JobSpec spec,
      String cycleId,
      List<Approved> batch,
      SourceReader sourceReader,
      TargetReader target,
      RecordComparator comparator) {
    var items = batch.stream().map(Item::new).toList();
    var keys = new ArrayList<>(new LinkedHashSet<>(items.stream().map(i -> i.key).toList()));
    // The source as it is now, never the copy that was compared: it may have moved on since.
    var rows = new HashMap<RecordKey, SourceReader.Row>();
    sourceReader.rowsByKeys(keys).forEach(r -> rows.put(r.record().key(), r));
    Map<RecordKey, Document> docs = target.documents(keys);
    for (Item it : items) {
      it.row = rows.get(it.key);
      it.doc = docs.get(it.key);
      String sourceHash = it.row == null ? "-" : it.row.record().hashHex();
      // The same filter the target reader uses, so rollback finds exactly this document.
      it.keyFilter = TargetFilters.eq(target.keys(), it.key).toBsonDocument().toJson(EXTENDED);
      it.idempotencyKey =
          Digests.sha256Hex(spec.name() + "|" + cycleId + "|" + it.d.keyText() + "|" + sourceHash);
    }
    var existing = new HashMap<String, org.jooq.Record3<Long, String, String>>();
    dsl.select(REPAIR.ID, REPAIR.STATUS, REPAIR.IDEMPOTENCY_KEY)
        .from(REPAIR)
        .where(REPAIR.IDEMPOTENCY_KEY.in(items.stream().map(i -> i.idempotencyKey).toList()))
        .forEach(r -> existing.put(r.value3(), r));
    for (Item it : items) {
      var row = existing.get(it.idempotencyKey);
      if (row != null) {
        it.repairId = row.value1();
        it.existing = row.value2();
      }
      decide(spec, target, comparator, it);
    }
    return items;
  }

  private void decide(JobSpec spec, TargetReader target, RecordComparator comparator, Item it) {
    if (it.existing != null && !it.existing.equals(APPLYING)) {
      // Recorded before (the discrepancy's own update was lost): keep that outcome.
      it.status = it.existing;
      return;
    }
    CanonicalRecord now = it.doc == null ? null : target.canonical(it.doc);
    boolean orphan = it.d.kind().equals("ORPHAN");
    if (it.existing != null && desired(comparator, it, now, orphan)) {
      // A crashed attempt wrote it already.
      it.status = APPLIED;
      it.afterHash = now == null ? null : now.hashHex();
      return;
    }
    boolean compared =
        it.d.kind().equals("MISSING")
            ? it.doc == null
            : now != null && now.hashHex().equals(it.d.targetHash());
    if (!compared) {
      skip(it, "the target changed since comparison");
      return;
    }
    if (orphan) {
      if (it.row != null) {
        skip(it, "the source row reappeared since comparison");
        return;
      }
      it.write = RepairWrite.delete(spec, target.keys(), it.key, it.doc);
      return;
    }
    if (it.row == null) {
      skip(it, "the source row is gone since comparison");
      return;
    }
    if (it.doc == null) {
      it.write = RepairWrite.insert(spec, target.keys(), it.key, it.row.values());
      return;
    }
    List<FieldDiff> diffs = comparator.diff(it.row.record(), now);
    if (diffs.isEmpty()) {
      skip(it, "the source changed since comparison and now agrees with the target");
      return;
    }
    it.write = RepairWrite.update(spec, target.keys(), it.key, it.row.values(), it.doc, diffs);
  }

  private static boolean desired(
      RecordComparator comparator, Item it, CanonicalRecord now, boolean orphan) {
    if (orphan) {
      return now == null;
    }
    return now != null && it.row != null && comparator.diff(it.row.record(), now).isEmpty();
  }

  private static void skip(Item it, String why) {
    it.status = SKIPPED;
    it.error = why;
  }

  /** Commits an APPLYING row per new write before MongoDB is touched. */
  private void writeAhead(JobSpec spec, String cycleId, List<Item> items, Lineage lineage) {
    var fresh = items.stream().filter(i -> i.write != null && i.repairId == null).toList();
    if (fresh.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.transaction(
        tx -> {
          DSLContext ctx = tx.dsl();
          for (Item it : fresh) {
            it.repairId = insert(ctx, spec, cycleId, it, APPLYING, lineage, now);
          }
        });
  }

  private Long insert(
      DSLContext ctx,
      JobSpec spec,
      String cycleId,
      Item it,
      String status,
      Lineage lineage,
      OffsetDateTime now) {
    var r = REPAIR;
    String before = it.doc == null ? null : it.doc.toJson(EXTENDED);
    String after =
        it.write == null || it.write.after() == null ? null : it.write.after().toJson(EXTENDED);
    Long id =
        ctx.insertInto(r)
            .set(r.IDEMPOTENCY_KEY, it.idempotencyKey)
            .set(r.DISCREPANCY_ID, it.d.id())
            .set(r.CYCLE_ID, cycleId)
            .set(r.SPEC_NAME, spec.name())
            .set(r.ACTION, it.write == null ? action(it.d.kind()) : it.write.action())
            .set(r.STATUS, status)
            .set(r.SOURCE_HASH, it.row == null ? null : it.row.record().hashHex())
            .set(r.TARGET_HASH_BEFORE, it.d.targetHash())
            .set(r.BEFORE_IMAGE, seal(before))
            .set(r.BEFORE_ENCRYPTED, cipher != null && before != null)
            .set(r.AFTER_IMAGE, seal(after))
            .set(r.AFTER_ENCRYPTED, cipher != null && after != null)
            .set(r.TARGET_NS, spec.target().database() + "." + spec.target().collection())
            .set(r.KEY_FILTER, it.keyFilter)
            .set(r.ERROR, it.error)
            .set(r.WORKFLOW_ID, lineage.workflowId())
            .set(r.RUN_ID, lineage.runId())
            .set(r.WORKER_IDENTITY, lineage.workerIdentity())
            .set(r.CREATED_AT, now)
            .set(r.UPDATED_AT, now)
            .onConflict(r.IDEMPOTENCY_KEY)
            .doNothing()
            .returningResult(r.ID)
            .fetchOne(r.ID);
    if (id == null) {
      // A concurrent attempt inserted it first; its row is the one to finish.
      id = ctx.select(r.ID).from(r).where(r.IDEMPOTENCY_KEY.eq(it.idempotencyKey)).fetchOne(r.ID);
    }
    return id;
  }

  private static String action(String kind) {
    return switch (kind) {
      case "MISSING" -> RepairWrite.INSERT;
      case "ORPHAN" -> RepairWrite.DELETE;
      default -> RepairWrite.UPDATE;
    };
  }

  private String seal(String text) {
    return text == null || cipher == null ? text : cipher.encrypt(text);
  }

  /** One unordered bulk write for the batch; a failed document fails only itself. */
  private void apply(
      JobSpec spec, TargetReader target, RecordComparator comparator, List<Item> items) {
    var writing = items.stream().filter(i -> i.write != null && i.status == null).toList();
    if (writing.isEmpty()) {
      return;
    }
    List<WriteModel<Document>> models = writing.stream().map(i -> i.write.model()).toList();
    hooks.writesSent().accept(writing.stream().map(i -> i.d.keyText()).toList());
    writes.addAndGet(models.size());
    BulkWriteResult result;
    Set<Integer> failed = new HashSet<>();
    try {
      result = target.collection().bulkWrite(models, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        Item it = writing.get(error.getIndex());
        it.status = FAILED;
        it.error = "E" + error.getCode() + ": " + error.getMessage();
        failed.add(error.getIndex());
      }
      result = e.getWriteResult();
    } catch (MongoException e) {
      throw Failures.classify("repairing the target", e);
    }
    hooks.afterBulkWrite().run();
    // The result only has totals: re-read the written documents to learn each one's outcome and
    // the hash it has now.
    var done = writing.stream().filter(i -> i.status == null).toList();
    Map<RecordKey, Document> after = target.documents(done.stream().map(i -> i.key).toList());
    long updates = done.stream().filter(i -> i.write.action().equals(RepairWrite.UPDATE)).count();
    long deletes = done.stream().filter(i -> i.write.action().equals(RepairWrite.DELETE)).count();
    boolean allTookEffect =
        result.getMatchedCount() == updates && result.getDeletedCount() == deletes;
    for (Item it : done) {
      Document doc = after.get(it.key);
      CanonicalRecord now = doc == null ? null : target.canonical(doc);
      boolean orphan = it.write.action().equals(RepairWrite.DELETE);
      if (allTookEffect
          || it.write.action().equals(RepairWrite.INSERT)
          || desired(comparator, it, now, orphan)) {
        it.status = APPLIED;
        it.afterHash = now == null ? null : now.hashHex();
      } else {
        skip(it, "the target changed between the read and the write");
      }
    }
  }

  /** Records every outcome of the batch, its audit events and the discrepancies, atomically. */
  private Progress record(
      JobSpec spec, String cycleId, List<Item> items, Lineage lineage, Progress progress) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long applied = 0;
    long skipped = 0;
    long failed = 0;
    var events = new ArrayList<AuditEvent>();
    for (Item it : items) {
      if (it.existing != null && !it.existing.equals(APPLYING)) {
        continue;
      }
      switch (it.status) {
        case APPLIED -> applied++;
        case FAILED -> failed++;
        default -> skipped++;
      }
      var m = AuditDetails.map();
      m.put("kind", it.d.kind());
      m.put("action", it.write == null ? action(it.d.kind()) : it.write.action());
      AuditDetails.key(m, spec, it.d.keyJson(), it.d.keyHash());
      if (it.error != null) {
        m.put("error", it.error);
      }
      String action =
          switch (it.status) {
            case APPLIED -> "repair.applied";
            case FAILED -> "repair.failed";
            default -> "repair.skipped";
          };
      events.add(
          new AuditEvent(
              cycleId,
              lineage.workerIdentity(),
              action,
              Long.toString(it.d.id()),
              AuditDetails.json(m),
              it.status.equals(APPLIED) ? null : it.error));
    }
    dsl.transaction(
        tx -> {
          DSLContext ctx = tx.dsl();
          for (Item it : items) {
            boolean settledBefore = it.existing != null && !it.existing.equals(APPLYING);
            if (it.repairId == null) {
              it.repairId = insert(ctx, spec, cycleId, it, it.status, lineage, now);
            }
            if (!settledBefore) {
              ctx.update(REPAIR)
                  .set(REPAIR.STATUS, it.status)
                  .set(REPAIR.ERROR, it.error)
                  .set(REPAIR.TARGET_HASH_AFTER, it.afterHash)
                  .set(REPAIR.APPLIED_AT, it.status.equals(APPLIED) ? now : null)
                  .set(REPAIR.UPDATED_AT, now)
                  .where(REPAIR.ID.eq(it.repairId))
                  .execute();
            }
            String status =
                it.status.equals(APPLIED) ? DiscrepancyStatus.REPAIRED.name() : it.status;
            ctx.update(DISCREPANCY)
                .set(DISCREPANCY.STATUS, status)
                .set(DISCREPANCY.RESOLVED_AT, it.status.equals(APPLIED) ? now : null)
                .set(DISCREPANCY.DETAIL, it.error)
                .set(DISCREPANCY.UPDATED_AT, now)
                .where(
                    DISCREPANCY.ID.eq(it.d.id()),
                    DISCREPANCY.STATUS.eq(DiscrepancyStatus.APPROVED.name()))
                .execute();
          }
          audit.append(ctx, spec.name(), events);
        });
    return new Progress(
        progress.applied() + applied, progress.skipped() + skipped, progress.failed() + failed);
  }
}
