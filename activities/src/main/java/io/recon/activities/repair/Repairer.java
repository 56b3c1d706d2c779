package io.recon.activities.repair;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.mongo.TargetFilters;
import io.recon.activities.mongo.TargetReader;
import io.recon.activities.sides.BothSides;
import io.recon.activities.source.SourceReader;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.Throttle;
import io.recon.activities.support.TraceSpan;
import io.recon.activities.support.Traces;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.Digests;
import io.recon.core.canonical.Displays;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.canonical.RecordComparator;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.RepairOutcome;
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
 * Applies a cycle's APPROVED repairs a batch at a time; {@link RepairLedger} keeps their record.
 * Per batch: re-read the source rows and the target documents by key; write a repair row (APPLYING,
 * with the before-image) per write under its idempotency key and commit it before touching MongoDB;
 * send one unordered bulk write; then record each outcome, its audit event and the discrepancy's
 * status in one transaction. A retry finds the APPLYING rows of a crashed attempt and decides from
 * the target's state whether the write already took effect, so nothing is written twice.
 */
final class Repairer {
  static final JsonWriterSettings EXTENDED =
      JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

  private final DataSource source;
  private final MongoClient mongo;
  private final RepairLedger ledger;
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
    this.mongo = mongo;
    this.ledger = new RepairLedger(dsl, cipher, audit);
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

  RepairOutcome repair(CycleRef ref, Progress resume, Consumer<Progress> heartbeat) {
    JobSpec spec = ref.spec();
    Progress progress = resume == null ? new Progress(0, 0, 0) : resume;
    List<Approved> batch = ledger.approved(ref.cycleId(), batchSize);
    if (batch.isEmpty()) {
      return progress.outcome();
    }
    var sides = BothSides.open(source, mongo, spec, false);
    SourceReader sourceReader = sides.source();
    TargetReader target = sides.target();
    var comparator = new RecordComparator(spec);
    // Once per run, a handful of documents: the types a rebuilt document must keep.
    TargetTypes types = TargetTypes.sample(target.collection(), spec);
    Lineage lineage = Lineage.current();
    Throttle throttle = Throttle.of(spec.limits().writesPerSecond());
    while (!batch.isEmpty()) {
      try (TraceSpan span = Traces.span(Traces.REPAIR_BATCH).records(batch.size())) {
        List<RepairItem> items =
            plan(spec, ref.cycleId(), batch, sourceReader, target, comparator, types);
        Progress beat = progress;
        throttle.acquire(items.size(), () -> heartbeat.accept(beat));
        ledger.writeAhead(spec, ref.cycleId(), items, lineage);
        apply(spec, target, comparator, items);
        progress = ledger.record(spec, ref.cycleId(), items, lineage, progress);
      }
      heartbeat.accept(progress);
      // A short batch was the last: nothing is approved while a repair runs (the workflow decides
      // between repairs), so asking again would only cost a round trip.
      batch = batch.size() < batchSize ? List.of() : ledger.approved(ref.cycleId(), batchSize);
    }
    return progress.outcome();
  }

  // The filter of a raw key: it matches no document, should anything ever replay it.
  private static final String NOTHING = "{\"_id\": {\"$in\": []}}";

  private List<RepairItem> plan(
      JobSpec spec,
      String cycleId,
      List<Approved> batch,
      SourceReader sourceReader,
      TargetReader target,
      RecordComparator comparator,
      TargetTypes types) {
    var items = batch.stream().map(RepairItem::new).toList();
    // A raw key (INVALID_KEY, foreign-typed ORPHAN) addresses no record: it is never looked up.
    var keys =
        new ArrayList<>(
            new LinkedHashSet<>(items.stream().map(i -> i.key).filter(k -> !k.isRaw()).toList()));
    // The source as it is now, never the copy that was compared: it may have moved on since.
    var rows = new HashMap<RecordKey, SourceReader.Row>();
    sourceReader.rowsByKeys(keys).forEach(r -> rows.put(r.record().key(), r));
    Map<RecordKey, Document> docs = target.documents(keys);
    for (RepairItem it : items) {
      it.row = rows.get(it.key);
      it.doc = docs.get(it.key);
      String sourceHash = it.row == null ? "-" : it.row.record().hashHex();
      // The same filter the target reader uses, so rollback finds exactly this document.
      it.keyFilter =
          it.key.isRaw()
              ? NOTHING
              : TargetFilters.eq(target.keys(), it.key).toBsonDocument().toJson(EXTENDED);
      it.idempotencyKey =
          Digests.sha256Hex(spec.name() + "|" + cycleId + "|" + it.d.keyText() + "|" + sourceHash);
    }
    ledger.findExisting(items);
    for (RepairItem it : items) {
      decide(spec, target, comparator, types, it);
    }
    return items;
  }

  private void decide(
      JobSpec spec,
      TargetReader target,
      RecordComparator comparator,
      TargetTypes types,
      RepairItem it) {
    if (it.settledBefore()) {
      // Recorded before (the discrepancy's own update was lost): keep that outcome.
      it.status = it.existing;
      return;
    }
    if (it.d.kind() == DiscrepancyKind.DUPLICATE_KEY) {
      // Routing only reports these; should one ever be approved, no copy is known to be right.
      fail(it, "DUPLICATE_KEY: a repeated key is never repaired");
      return;
    }
    if (it.key.isRaw()) {
      // Routing only reports these too: recon writes only what the spec's key addresses.
      fail(it, it.d.kind() + ": a key that is NULL or of another type is never repaired");
      return;
    }
    CanonicalRecord now = it.doc == null ? null : target.canonicalAsCompared(it.doc);
    boolean orphan = it.d.kind() == DiscrepancyKind.ORPHAN;
    if (it.existing != null && desired(comparator, it, now, orphan)) {
      // A crashed attempt wrote it already.
      it.status = RepairStatus.APPLIED;
      it.afterHash = now == null ? null : now.hashHex();
      return;
    }
    boolean compared =
        it.d.kind() == DiscrepancyKind.MISSING
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
    String invalid = Writability.invalidSource(spec, it.row.record());
    if (invalid != null) {
      fail(it, invalid);
      return;
    }
    RepairWrite write;
    try {
      if (it.doc == null) {
        write =
            RepairWrite.insert(
                spec, target.keys(), it.key, it.row.values(), it.row.record().values(), types);
      } else {
        List<FieldDiff> diffs = comparator.diff(it.row.record(), now);
        if (diffs.isEmpty()) {
          skip(it, "the source changed since comparison and now agrees with the target");
          return;
        }
        write =
            RepairWrite.update(
                spec,
                target.keys(),
                it.key,
                it.row.values(),
                it.row.record().values(),
                it.doc,
                diffs,
                types);
      }
    } catch (RepairWrite.Unwritable e) {
      fail(it, "UNWRITABLE: " + e.getMessage());
      return;
    }
    String refused = Writability.refused(write, it.doc);
    if (refused != null) {
      fail(it, refused);
      return;
    }
    it.write = write;
  }

  // Data that cannot be written fails its own repair, deterministically, and never the batch.
  private static void fail(RepairItem it, String why) {
    it.status = RepairStatus.FAILED;
    it.error = why;
  }

  private static boolean desired(
      RecordComparator comparator, RepairItem it, CanonicalRecord now, boolean orphan) {
    if (orphan) {
      return now == null;
    }
    return now != null && it.row != null && comparator.diff(it.row.record(), now).isEmpty();
  }

  private static void skip(RepairItem it, String why) {
    it.status = RepairStatus.SKIPPED_CONCURRENT_CHANGE;
    it.error = why;
  }

  /** One unordered bulk write for the batch; a failed document fails only itself. */
  private void apply(
      JobSpec spec, TargetReader target, RecordComparator comparator, List<RepairItem> items) {
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
        RepairItem it = writing.get(error.getIndex());
        it.status = RepairStatus.FAILED;
        // The server's message may quote the document's values: escaped and cut, it is safe to
        // store and to show.
        it.error =
            "E" + error.getCode() + ": " + Displays.cut(Displays.escape(error.getMessage()), 500);
        failed.add(error.getIndex());
      }
      result = e.getWriteResult();
    } catch (MongoException e) {
      throw Failures.classify("repairing the target", e);
    }
    hooks.afterBulkWrite().run();
    var done = writing.stream().filter(i -> i.status == null).toList();
    long updates = done.stream().filter(i -> i.write.action() == RepairAction.UPDATE).count();
    long deletes = done.stream().filter(i -> i.write.action() == RepairAction.DELETE).count();
    boolean allTookEffect =
        result.getMatchedCount() == updates && result.getDeletedCount() == deletes;
    // Every write matched its guard, on the document it was decided on: each one's result is that
    // document with the write applied, computed here instead of read back (a round trip per
    // batch). The result only has totals, so when some guard did not match, or a result is not
    // computable, those documents are read back to learn each one's outcome and its hash now.
    var reread = new ArrayList<RepairItem>();
    for (RepairItem it : done) {
      Document local = allTookEffect ? it.write.appliedTo(it.doc) : null;
      if (local != null || (allTookEffect && it.write.action() == RepairAction.DELETE)) {
        it.status = RepairStatus.APPLIED;
        it.afterHash = local == null ? null : target.canonicalAsCompared(local).hashHex();
      } else {
        reread.add(it);
      }
    }
    Map<RecordKey, Document> after = target.documents(reread.stream().map(i -> i.key).toList());
    for (RepairItem it : reread) {
      Document doc = after.get(it.key);
      CanonicalRecord now = doc == null ? null : target.canonicalAsCompared(doc);
      boolean orphan = it.write.action() == RepairAction.DELETE;
      if (allTookEffect
          || it.write.action() == RepairAction.INSERT
          || desired(comparator, it, now, orphan)) {
        it.status = RepairStatus.APPLIED;
        it.afterHash = now == null ? null : now.hashHex();
      } else {
        skip(it, "the target changed between the read and the write");
      }
    }
  }
}
