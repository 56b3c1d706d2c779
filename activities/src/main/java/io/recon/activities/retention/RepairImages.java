package io.recon.activities.retention;

import static io.recon.schema.jooq.Tables.REPAIR;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.repair.RepairStatus;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Repair images past the {@code beforeImages} window. The before-image and the after-image go
 * together (the after-image only serves rollback, and both are record content); the repair row
 * stays, marked with when and under which window, so that rollback can say why it can no longer
 * run. A repair still {@code APPLYING} keeps its images. Age is from when the repair was applied
 * (or created, for one that never was).
 */
final class RepairImages {
  private final AuditLog audit;

  RepairImages(AuditLog audit) {
    this.audit = audit;
  }

  private static Condition prunable(String spec, Instant cutoff) {
    return REPAIR
        .SPEC_NAME
        .eq(spec)
        .and(REPAIR.IMAGES_PRUNED_AT.isNull())
        .and(REPAIR.BEFORE_IMAGE.isNotNull().or(REPAIR.AFTER_IMAGE.isNotNull()))
        .and(REPAIR.STATUS.ne(RepairStatus.APPLYING.name()))
        .and(
            DSL.coalesce(REPAIR.APPLIED_AT, REPAIR.CREATED_AT).lt(cutoff.atOffset(ZoneOffset.UTC)));
  }

  long count(DSLContext db, String spec, Instant cutoff) {
    return db.fetchCount(REPAIR, prunable(spec, cutoff));
  }

  /** Clears up to {@code limit} repairs' images in {@code tx}; returns how many. */
  long pruneBatch(
      DSLContext tx,
      String spec,
      Instant cutoff,
      int limit,
      String rule,
      String actor,
      Instant now) {
    List<Long> ids =
        tx.select(REPAIR.ID)
            .from(REPAIR)
            .where(prunable(spec, cutoff))
            .orderBy(REPAIR.ID)
            .limit(limit)
            .forUpdate()
            .skipLocked()
            .fetch(REPAIR.ID);
    if (ids.isEmpty()) {
      return 0;
    }
    // updated_at is left alone: it dates the repair's own last change, not this removal.
    int cleared =
        tx.update(REPAIR)
            .setNull(REPAIR.BEFORE_IMAGE)
            .setNull(REPAIR.AFTER_IMAGE)
            .set(REPAIR.IMAGES_PRUNED_AT, now.atOffset(ZoneOffset.UTC))
            .set(REPAIR.IMAGES_PRUNED_RULE, rule)
            .where(REPAIR.ID.in(ids))
            .execute();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "beforeImages");
    d.put("repairs", cleared);
    d.put("firstId", ids.get(0));
    d.put("lastId", ids.get(ids.size() - 1));
    d.put("cutoff", cutoff.toString());
    audit.append(
        tx,
        spec,
        List.of(
            new AuditEvent(
                null,
                actor,
                AuditAction.RETENTION_PRUNED,
                "beforeImages",
                StoreJson.write(d),
                "past retention (" + rule + ")")));
    return cleared;
  }
}
