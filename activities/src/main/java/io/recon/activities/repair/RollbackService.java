package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.REPAIR;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.core.audit.AuditAction;
import io.recon.core.canonical.DocumentPaths;
import io.recon.schema.jooq.tables.records.RepairRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Undoes a cycle's applied repairs from their stored images (for {@code recon rollback}), each only
 * while the target still holds exactly what the repair wrote: an update's paths are set back (or
 * unset) under a filter on the written values, an inserted document is deleted under a filter on
 * its whole content, a deleted document is re-inserted only while its key is still free. A target
 * changed since the repair is left alone and reported. Each outcome commits with its audit event.
 */
public final class RollbackService {
  private final DSLContext dsl;
  private final MongoClient mongo;
  private final AuditCipher cipher;
  private final AuditLog audit = new AuditLog(Clock.systemUTC());

  public RollbackService(DataSource store, MongoClient mongo, AuditCipher cipher) {
    this.dsl = DSL.using(store, SQLDialect.POSTGRES);
    this.mongo = mongo;
    this.cipher = cipher;
  }

  /**
   * @param discrepancyIds the discrepancies to roll back; empty means every applied repair
   */
  public RollbackResult rollback(String cycleId, List<String> discrepancyIds, String actor) {
    var where = REPAIR.CYCLE_ID.eq(cycleId).and(REPAIR.STATUS.eq(RepairStatus.APPLIED.name()));
    if (discrepancyIds != null && !discrepancyIds.isEmpty()) {
      where =
          where.and(REPAIR.DISCREPANCY_ID.in(discrepancyIds.stream().map(Long::valueOf).toList()));
    }
    List<RepairRecord> repairs = dsl.selectFrom(REPAIR).where(where).orderBy(REPAIR.ID).fetch();
    if (repairs.isEmpty()) {
      RetentionPruned.ofCycle(dsl, cycleId);
    }
    var outcomes = new ArrayList<RollbackResult.Outcome>();
    long done = 0;
    long pruned = 0;
    for (RepairRecord r : repairs) {
      String gone = RetentionPruned.imagesOf(r);
      if (gone != null) {
        pruned++;
        outcomes.add(new RollbackResult.Outcome(r.getDiscrepancyId(), "PRUNED", gone));
        record(r, actor, gone);
        continue;
      }
      String skip = undo(r);
      boolean ok = skip == null;
      done += ok ? 1 : 0;
      outcomes.add(
          new RollbackResult.Outcome(r.getDiscrepancyId(), ok ? "ROLLED_BACK" : "SKIPPED", skip));
      record(r, actor, skip);
    }
    return new RollbackResult(done, outcomes.size() - done - pruned, pruned, outcomes);
  }

  /** Restores one repair's before state; returns why not, or null when it did. */
  private String undo(RepairRecord r) {
    String[] ns = r.getTargetNs().split("\\.", 2);
    MongoCollection<Document> c = mongo.getDatabase(ns[0]).getCollection(ns[1]);
    Bson key = BsonDocument.parse(r.getKeyFilter());
    Document before = image(r.getBeforeImage(), r.getBeforeEncrypted());
    Document after = image(r.getAfterImage(), r.getAfterEncrypted());
    return switch (RepairAction.valueOf(r.getAction())) {
      case INSERT -> {
        // Every top-level field equal to what was inserted: a changed document is not deleted.
        var filter = new ArrayList<Bson>();
        filter.add(key);
        after.forEach((k, v) -> filter.add(Filters.eq(k, v)));
        Document now = c.find(key).first();
        if (now == null || !now.toJson().equals(after.toJson())) {
          yield "the document changed since the repair";
        }
        yield c.deleteOne(Filters.and(filter)).getDeletedCount() == 1
            ? null
            : "the document changed since the repair";
      }
      case DELETE -> {
        if (c.find(key).first() != null) {
          yield "a document with this key exists again";
        }
        c.insertOne(before);
        yield null;
      }
      case UPDATE -> {
        var filter = new ArrayList<Bson>();
        filter.add(key);
        var set = new Document();
        var unset = new Document();
        Document wroteSet = after.get("$set", Document.class);
        Document wroteUnset = after.get("$unset", Document.class);
        for (String path : paths(wroteSet, wroteUnset)) {
          filter.add(
              wroteSet != null && wroteSet.containsKey(path)
                  ? Filters.eq(path, wroteSet.get(path))
                  : Filters.exists(path, false));
          Object old = DocumentPaths.get(before, path);
          if (old == DocumentPaths.ABSENT || old instanceof DocumentPaths.WrongParent) {
            unset.append(path, "");
          } else {
            set.append(path, old);
          }
        }
        var update = new Document();
        if (!set.isEmpty()) {
          update.append("$set", set);
        }
        if (!unset.isEmpty()) {
          update.append("$unset", unset);
        }
        yield c.updateOne(Filters.and(filter), update).getMatchedCount() == 1
            ? null
            : "the document changed since the repair";
      }
    };
  }

  private static List<String> paths(Document set, Document unset) {
    var paths = new ArrayList<String>();
    for (Map<String, Object> m : new Document[] {set, unset}) {
      if (m != null) {
        paths.addAll(m.keySet());
      }
    }
    return paths;
  }

  private Document image(String text, Boolean encrypted) {
    return AuditCipher.image(cipher, text, encrypted, "repair images are", "to roll back");
  }

  private void record(RepairRecord r, String actor, String skip) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    dsl.transaction(
        tx -> {
          DSLContext ctx = tx.dsl();
          if (skip == null) {
            ctx.update(REPAIR)
                .set(REPAIR.STATUS, "ROLLED_BACK")
                .set(REPAIR.ROLLED_BACK_AT, now)
                .set(REPAIR.UPDATED_AT, now)
                .where(REPAIR.ID.eq(r.getId()))
                .execute();
            ctx.update(DISCREPANCY)
                .set(DISCREPANCY.DETAIL, "repair rolled back by " + actor)
                .set(DISCREPANCY.UPDATED_AT, now)
                .where(DISCREPANCY.ID.eq(r.getDiscrepancyId()))
                .execute();
          }
          var m = AuditDetails.map();
          m.put("repairId", r.getId());
          m.put("action", r.getAction());
          audit.append(
              ctx,
              r.getSpecName(),
              List.of(
                  new AuditEvent(
                      r.getCycleId(),
                      actor,
                      skip == null ? AuditAction.REPAIR_ROLLED_BACK : AuditAction.ROLLBACK_SKIPPED,
                      Long.toString(r.getDiscrepancyId()),
                      AuditDetails.json(m),
                      skip)));
        });
  }
}
