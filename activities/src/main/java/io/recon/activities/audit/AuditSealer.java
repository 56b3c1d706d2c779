package io.recon.activities.audit;

import static io.recon.schema.jooq.Tables.AUDIT_EVENT;

import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.schema.jooq.tables.records.AuditEventRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Removes the oldest rows of an audit chain without breaking it: the segment is sealed by a {@link
 * AuditCheckpoint} first, then deleted, and a {@code retention.pruned} event naming the
 * checkpoint's hash is appended, all in the caller's one transaction. Only a prefix of the chain is
 * ever removed (the oldest rows, up to the first one not past the cutoff), so what stays is one
 * contiguous chain that links to the checkpoint.
 */
public final class AuditSealer {
  /** The detail keys by which a {@code retention.pruned} event names its checkpoint. */
  static final String CHECKPOINT = "checkpoint";

  static final String CHECKPOINT_HASH = "checkpointHash";

  private final AuditLog log;

  public AuditSealer(AuditLog log) {
    this.log = log;
  }

  /** The oldest rows of the chain that are past {@code cutoff}, at most {@code limit} of them. */
  public static List<AuditEventRecord> prunable(
      DSLContext db, String chain, Instant cutoff, int limit) {
    List<AuditEventRecord> oldest =
        db.selectFrom(AUDIT_EVENT)
            .where(AUDIT_EVENT.CHAIN.eq(chain))
            .orderBy(AUDIT_EVENT.SEQ)
            .limit(limit)
            .fetch();
    int n = 0;
    while (n < oldest.size() && oldest.get(n).getOccurredAt().toInstant().isBefore(cutoff)) {
      n++;
    }
    return oldest.subList(0, n);
  }

  /**
   * Seals and removes at most {@code limit} of the chain's rows older than {@code cutoff}, in
   * {@code tx}. Holds the chain's append lock, so no append interleaves.
   *
   * @return the checkpoint written, or null when no row was past the cutoff
   */
  public AuditCheckpoint sealOldest(
      DSLContext tx,
      String chain,
      Instant cutoff,
      int limit,
      String rule,
      String actor,
      Instant now) {
    tx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon.audit:" + chain);
    List<AuditEventRecord> rows = prunable(tx, chain, cutoff, limit);
    if (rows.isEmpty()) {
      return null;
    }
    AuditCheckpoint previous = AuditCheckpoints.latest(tx, chain);
    AuditEventRecord first = rows.get(0);
    AuditEventRecord last = rows.get(rows.size() - 1);
    AuditCheckpoint checkpoint =
        new AuditCheckpoint(
                chain,
                previous == null ? 1 : previous.number() + 1,
                first.getSeq(),
                last.getSeq(),
                first.getOccurredAt().toInstant(),
                last.getOccurredAt().toInstant(),
                rows.size(),
                last.getHash(),
                rule,
                actor,
                now.truncatedTo(ChronoUnit.MICROS),
                previous == null ? AuditRow.GENESIS : previous.hash(),
                null)
            .sealed();
    // The checkpoint goes in first: the append-only trigger lets only sealed rows be deleted.
    AuditCheckpoints.insert(tx, checkpoint);
    int deleted =
        tx.deleteFrom(AUDIT_EVENT)
            .where(AUDIT_EVENT.CHAIN.eq(chain))
            .and(AUDIT_EVENT.SEQ.between(first.getSeq(), last.getSeq()))
            .execute();
    if (deleted != rows.size()) {
      throw new IllegalStateException(
          "audit chain " + chain + " changed while it was pruned; nothing was removed");
    }
    log.append(tx, chain, List.of(event(checkpoint, actor)));
    return checkpoint;
  }

  private static AuditEvent event(AuditCheckpoint c, String actor) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "audit");
    d.put("rows", c.rowCount());
    d.put("firstSeq", c.firstSeq());
    d.put("lastSeq", c.lastSeq());
    d.put("lastAt", c.lastAt().toString());
    d.put(CHECKPOINT, c.number());
    d.put(CHECKPOINT_HASH, c.hash());
    return new AuditEvent(
        null,
        actor,
        AuditAction.RETENTION_PRUNED,
        "audit",
        StoreJson.write(d),
        "past retention (" + c.rule() + ")");
  }
}
