package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.CYCLE;
import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.REPAIR;

import com.mongodb.client.MongoClient;
import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.core.audit.AuditAction;
import io.recon.core.canonical.DocumentPaths;
import io.recon.schema.jooq.tables.records.RepairRecord;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.bson.BsonDocument;
import org.bson.Document;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Settles repair rows left {@code APPLYING} by a cycle that will never finish them (abandoned,
 * failed, cancelled): each is resolved against the target as it is now. A write that landed (the
 * document holds what the repair's after-image says, or is gone for a delete) becomes {@code
 * APPLIED} and its discrepancy {@code REPAIRED}; one that did not becomes {@code FAILED} with the
 * reason. Each outcome commits with its audit event ({@code repair.applied} or {@code
 * repair.failed}), and only if the row is still APPLYING, so two resolvers never record one twice.
 * Rows of open cycles are never touched: their own repair activity resolves them on retry.
 */
public final class ApplyingRepairs {
  static final String NOT_APPLIED =
      "not applied: the cycle ended before this write reached the target";
  private static final int BATCH = 200;
  private static final List<String> OPEN = List.of("RUNNING", "AWAITING_APPROVAL", "GATED");

  private final DSLContext dsl;
  private final MongoClient mongo;
  private final AuditCipher cipher;
  private final AuditLog audit = new AuditLog(Clock.systemUTC());

  /**
   * @param cipher decrypts after-images stored encrypted; null when they are stored in clear
   */
  public ApplyingRepairs(DataSource store, MongoClient mongo, AuditCipher cipher) {
    this.dsl = DSL.using(store, SQLDialect.POSTGRES);
    this.mongo = mongo;
    this.cipher = cipher;
  }

  /** How the rows were settled; {@code undecided} rows stay APPLYING, each with a reason logged. */
  public record Resolved(long applied, long notApplied, long undecided) {
    public long total() {
      return applied + notApplied;
    }

    Resolved plus(Resolved o) {
      return new Resolved(applied + o.applied, notApplied + o.notApplied, undecided + o.undecided);
    }
  }

  /** Settles the APPLYING rows of one cycle, which must be closed. */
  public Resolved resolve(String cycleId, String actor) {
    return resolveWhere(REPAIR.CYCLE_ID.eq(cycleId), actor);
  }

  /** Settles the APPLYING rows of every closed cycle. */
  public Resolved resolveClosedCycles(String actor) {
    return resolveWhere(DSL.trueCondition(), actor);
  }

  private Resolved resolveWhere(Condition which, String actor) {
    Resolved total = new Resolved(0, 0, 0);
    long after = 0;
    while (true) {
      List<RepairRecord> rows =
          dsl.select(REPAIR.fields())
              .from(REPAIR)
              .join(CYCLE)
              .on(CYCLE.CYCLE_ID.eq(REPAIR.CYCLE_ID))
              .where(
                  which,
                  REPAIR.STATUS.eq(RepairStatus.APPLYING.name()),
                  CYCLE.STATUS.notIn(OPEN),
                  REPAIR.ID.gt(after))
              .orderBy(REPAIR.ID)
              .limit(BATCH)
              .fetchInto(REPAIR);
      if (rows.isEmpty()) {
        return total;
      }
      for (RepairRecord r : rows) {
        total = total.plus(settle(r, actor));
        after = r.getId();
      }
    }
  }

  private Resolved settle(RepairRecord r, String actor) {
    Boolean landed;
    try {
      landed = landed(r);
    } catch (RuntimeException e) {
      // An image that cannot be read (encrypted without the key) cannot be judged; say so and
      // leave the row for a resolver that can.
      org.slf4j.LoggerFactory.getLogger(ApplyingRepairs.class)
          .warn(
              "repair {} of cycle {} left APPLYING: {}", r.getId(), r.getCycleId(), e.getMessage());
      return new Resolved(0, 0, 1);
    }
    record(r, landed, actor);
    return landed ? new Resolved(1, 0, 0) : new Resolved(0, 1, 0);
  }

  /** Whether the repair's write is in the target now. */
  private boolean landed(RepairRecord r) {
    String[] ns = r.getTargetNs().split("\\.", 2);
    Document now =
        mongo
            .getDatabase(ns[0])
            .getCollection(ns[1])
            .find(BsonDocument.parse(r.getKeyFilter()))
            .first();
    if (RepairAction.valueOf(r.getAction()) == RepairAction.DELETE) {
      return now == null;
    }
    Document after = image(r.getAfterImage(), r.getAfterEncrypted());
    if (now == null || after == null) {
      return false;
    }
    if (RepairAction.valueOf(r.getAction()) == RepairAction.INSERT) {
      return after.entrySet().stream()
          .allMatch(e -> Objects.equals(e.getValue(), now.get(e.getKey())));
    }
    Document set = after.get("$set", Document.class);
    Document unset = after.get("$unset", Document.class);
    if (set != null) {
      for (var e : set.entrySet()) {
        if (!Objects.equals(e.getValue(), DocumentPaths.get(now, e.getKey()))) {
          return false;
        }
      }
    }
    if (unset != null) {
      for (String path : unset.keySet()) {
        Object v = DocumentPaths.get(now, path);
        if (v != DocumentPaths.ABSENT && !(v instanceof DocumentPaths.WrongParent)) {
          return false;
        }
      }
    }
    return true;
  }

  private Document image(String text, Boolean encrypted) {
    return AuditCipher.image(cipher, text, encrypted, "its after-image is", "to resolve it");
  }

  private void record(RepairRecord r, boolean landed, String actor) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    RepairStatus status = landed ? RepairStatus.APPLIED : RepairStatus.FAILED;
    String error = landed ? null : NOT_APPLIED;
    dsl.transaction(
        tx -> {
          DSLContext ctx = tx.dsl();
          int n =
              ctx.update(REPAIR)
                  .set(REPAIR.STATUS, status.name())
                  .set(REPAIR.ERROR, error)
                  .set(REPAIR.APPLIED_AT, landed ? now : null)
                  .set(REPAIR.UPDATED_AT, now)
                  .where(REPAIR.ID.eq(r.getId()), REPAIR.STATUS.eq(RepairStatus.APPLYING.name()))
                  .execute();
          if (n == 0) {
            return;
          }
          ctx.update(DISCREPANCY)
              .set(DISCREPANCY.STATUS, status.discrepancyStatus().name())
              .set(DISCREPANCY.RESOLVED_AT, landed ? now : null)
              .set(DISCREPANCY.DETAIL, error)
              .set(DISCREPANCY.UPDATED_AT, now)
              .where(
                  DISCREPANCY.ID.eq(r.getDiscrepancyId()),
                  DISCREPANCY.STATUS.eq(DiscrepancyStatus.APPROVED.name()))
              .execute();
          var m = AuditDetails.map();
          m.put("repairId", r.getId());
          m.put("action", r.getAction());
          m.put("resolvedAfterCycleEnded", true);
          audit.append(
              ctx,
              r.getSpecName(),
              List.of(
                  new AuditEvent(
                      r.getCycleId(),
                      actor,
                      landed ? AuditAction.REPAIR_APPLIED : AuditAction.REPAIR_FAILED,
                      Long.toString(r.getDiscrepancyId()),
                      AuditDetails.json(m),
                      error)));
        });
  }
}
