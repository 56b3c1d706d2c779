package io.recon.activities.audit;

import static io.recon.schema.jooq.Tables.AUDIT_CHECKPOINT;

import io.recon.schema.jooq.tables.records.AuditCheckpointRecord;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/** Reads and appends the checkpoints of audit chains ({@code recon.audit_checkpoint}). */
public final class AuditCheckpoints {
  private AuditCheckpoints() {}

  /** A chain's checkpoints, oldest first; empty when nothing of it was ever pruned. */
  public static List<AuditCheckpoint> of(DSLContext db, String chain) {
    return db.selectFrom(AUDIT_CHECKPOINT)
        .where(AUDIT_CHECKPOINT.CHAIN.eq(chain))
        .orderBy(AUDIT_CHECKPOINT.CHECKPOINT_NO)
        .fetch(AuditCheckpoints::toCheckpoint);
  }

  /** The chain's newest checkpoint, or null. */
  public static AuditCheckpoint latest(DSLContext db, String chain) {
    return db.selectFrom(AUDIT_CHECKPOINT)
        .where(AUDIT_CHECKPOINT.CHAIN.eq(chain))
        .orderBy(AUDIT_CHECKPOINT.CHECKPOINT_NO.desc())
        .limit(1)
        .fetchOne(AuditCheckpoints::toCheckpoint);
  }

  static void insert(DSLContext tx, AuditCheckpoint c) {
    AuditCheckpointRecord r = tx.newRecord(AUDIT_CHECKPOINT);
    r.setChain(c.chain());
    r.setCheckpointNo(c.number());
    r.setFirstSeq(c.firstSeq());
    r.setLastSeq(c.lastSeq());
    r.setFirstAt(c.firstAt().atOffset(ZoneOffset.UTC));
    r.setLastAt(c.lastAt().atOffset(ZoneOffset.UTC));
    r.setRowCount(c.rowCount());
    r.setSegmentHash(c.segmentHash());
    r.setRule(c.rule());
    r.setCreatedBy(c.createdBy());
    r.setCreatedAt(c.createdAt().atOffset(ZoneOffset.UTC));
    r.setPrevHash(c.prevHash());
    r.setHash(c.hash());
    r.insert();
  }

  private static AuditCheckpoint toCheckpoint(AuditCheckpointRecord r) {
    return new AuditCheckpoint(
        r.getChain(),
        r.getCheckpointNo(),
        r.getFirstSeq(),
        r.getLastSeq(),
        r.getFirstAt().toInstant(),
        r.getLastAt().toInstant(),
        r.getRowCount(),
        r.getSegmentHash(),
        r.getRule(),
        r.getCreatedBy(),
        r.getCreatedAt().toInstant(),
        r.getPrevHash(),
        r.getHash());
  }
}
