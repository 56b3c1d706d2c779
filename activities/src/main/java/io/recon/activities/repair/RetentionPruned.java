package io.recon.activities.repair;

import static io.recon.schema.jooq.Tables.CYCLE;

import io.recon.schema.jooq.tables.records.RepairRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * What retention removed that a rollback would need, said in one line: a repair whose before-image
 * was pruned, or a cycle whose repairs went with its discrepancies.
 */
public final class RetentionPruned extends RuntimeException {
  private RetentionPruned(String message) {
    super(message);
  }

  /** Why this repair can no longer be rolled back, or null when its before-image is still kept. */
  static String imagesOf(RepairRecord r) {
    if (r.getImagesPrunedAt() == null) {
      return null;
    }
    return "before-image pruned on "
        + date(r.getImagesPrunedAt())
        + " by retention ("
        + r.getImagesPrunedRule()
        + "); rollback can no longer run";
  }

  /**
   * Fails when the cycle's discrepancies and repairs were pruned, so that a rollback finding no
   * repair says why instead of reporting nothing to do.
   */
  static void ofCycle(DSLContext db, String cycleId) {
    Record2<OffsetDateTime, String> pruned =
        db.select(CYCLE.DISCREPANCIES_PRUNED_AT, CYCLE.DISCREPANCIES_PRUNED_RULE)
            .from(CYCLE)
            .where(CYCLE.CYCLE_ID.eq(cycleId))
            .fetchOne();
    if (pruned != null && pruned.value1() != null) {
      throw new RetentionPruned(
          "repairs of cycle "
              + cycleId
              + " pruned on "
              + date(pruned.value1())
              + " by retention ("
              + pruned.value2()
              + "); rollback can no longer run");
    }
  }

  private static String date(OffsetDateTime at) {
    return at.atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString();
  }
}
