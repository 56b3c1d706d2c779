package io.recon.activities.audit;

import static io.recon.schema.jooq.Tables.AUDIT_CHECKPOINT;
import static io.recon.schema.jooq.Tables.AUDIT_EVENT;
import static io.recon.schema.jooq.Tables.CYCLE;

import io.recon.schema.jooq.tables.records.AuditEventRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * Walks audit chains and finds the first broken link of each: a row whose content no longer matches
 * its hash (changed), a gap in the sequence (deleted), a row whose predecessor's hash is not the
 * one it was chained to (inserted or reordered), or a chain shorter than a cycle recorded it (its
 * newest rows deleted). A chain that retention pruned is verified from its newest checkpoint on,
 * after the checkpoints themselves (see {@link SealedPrefix}). Streams rows, so memory does not
 * grow with the log.
 */
public final class AuditVerifier {
  private final DSLContext db;

  public AuditVerifier(DSLContext db) {
    this.db = db;
  }

  /** Verifies one chain, or every chain when {@code chain} is empty. */
  public AuditReport verify(Optional<String> chain) {
    List<String> chains =
        chain
            .map(List::of)
            .orElseGet(
                () ->
                    // A chain whose every kept row was deleted still has its checkpoints.
                    new java.util.TreeSet<>(
                            db.select(AUDIT_EVENT.CHAIN)
                                .from(AUDIT_EVENT)
                                .union(db.select(AUDIT_CHECKPOINT.CHAIN).from(AUDIT_CHECKPOINT))
                                .fetch(0, String.class))
                        .stream().toList());
    List<AuditReport.ChainResult> results = new ArrayList<>();
    for (String c : chains) {
      results.add(verifyChain(c));
    }
    return new AuditReport(results);
  }

  private AuditReport.ChainResult verifyChain(String chain) {
    // A pruned chain is verified from its newest checkpoint on, once the checkpoints themselves
    // verified: the first kept row must follow the sealed segment and link to its hash.
    SealedPrefix sealed = SealedPrefix.of(AuditCheckpoints.of(db, chain));
    if (sealed.broken() != null) {
      return new AuditReport.ChainResult(chain, 0, sealed.broken());
    }
    long expectedSeq = sealed.nextSeq();
    String prevHash = sealed.prevHash();
    Map<Long, String> anchors = anchors(chain);
    try (Stream<AuditEventRecord> rows =
        db.selectFrom(AUDIT_EVENT)
            .where(AUDIT_EVENT.CHAIN.eq(chain))
            .and(AUDIT_EVENT.SEQ.ge(expectedSeq))
            .orderBy(AUDIT_EVENT.SEQ)
            .fetchSize(1000)
            .fetchStream()) {
      for (AuditEventRecord r : (Iterable<AuditEventRecord>) rows::iterator) {
        AuditRow row = toRow(r);
        if (row.seq() < expectedSeq) {
          return broken(
              chain,
              expectedSeq - 1 - sealed.prunedRows(),
              row.seq(),
              "INSERTED",
              "sequence number " + row.seq() + " appears twice");
        }
        if (row.seq() > expectedSeq) {
          return broken(
              chain,
              expectedSeq - 1 - sealed.prunedRows(),
              row.seq(),
              "DELETED",
              "rows " + expectedSeq + ".." + (row.seq() - 1) + " are missing");
        }
        // The link is checked before the content: a row moved to another position fails both,
        // and "moved" is the truer account of it than "changed".
        if (!row.prevHash().equals(prevHash)) {
          return broken(
              chain,
              expectedSeq - 1 - sealed.prunedRows(),
              row.seq(),
              "INSERTED_OR_REORDERED",
              "the row is chained to a predecessor whose hash is not the stored row's");
        }
        if (!row.expectedHash().equals(row.hash())) {
          return broken(
              chain,
              expectedSeq - 1 - sealed.prunedRows(),
              row.seq(),
              "CHANGED",
              "the row's content no longer matches its hash");
        }
        String misnamed = sealed.misnamedBy(row);
        if (misnamed != null) {
          return broken(
              chain, expectedSeq - 1 - sealed.prunedRows(), row.seq(), "CHECKPOINT", misnamed);
        }
        String anchor = anchors.get(row.seq());
        if (anchor != null && !anchor.equals(row.hash())) {
          return broken(
              chain,
              expectedSeq - 1 - sealed.prunedRows(),
              row.seq(),
              "CHANGED",
              "a cycle anchored a different hash at this position");
        }
        prevHash = row.hash();
        expectedSeq++;
      }
    }
    long rows = expectedSeq - 1;
    long verified = rows - sealed.prunedRows();
    String unnamed = sealed.unnamed();
    if (unnamed != null) {
      return broken(chain, verified, sealed.nextSeq(), "CHECKPOINT", unnamed);
    }
    String sealedAnchor = anchors.get(sealed.nextSeq() - 1);
    if (sealedAnchor != null && !sealedAnchor.equals(sealed.prevHash())) {
      return broken(
          chain,
          verified,
          sealed.nextSeq() - 1,
          "CHECKPOINT",
          "a cycle anchored a different hash at the last row the checkpoint sealed");
    }
    long highestAnchor = anchors.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    if (highestAnchor > rows) {
      return broken(
          chain,
          verified,
          highestAnchor,
          "DELETED",
          "a cycle anchored the chain at row " + highestAnchor + " but it ends at row " + rows);
    }
    return new AuditReport.ChainResult(chain, verified, null, sealed.from());
  }

  private Map<Long, String> anchors(String chain) {
    Map<Long, String> anchors = new java.util.HashMap<>();
    db.select(CYCLE.AUDIT_SEQ, CYCLE.AUDIT_HASH)
        .from(CYCLE)
        .where(CYCLE.SPEC_NAME.eq(chain).and(CYCLE.AUDIT_SEQ.isNotNull()))
        .forEach(r -> anchors.put(r.value1(), r.value2()));
    return anchors;
  }

  private static AuditReport.ChainResult broken(
      String chain, long intactRows, long seq, String kind, String detail) {
    return new AuditReport.ChainResult(
        chain, intactRows, new AuditReport.BrokenLink(seq, kind, detail));
  }

  private static AuditRow toRow(AuditEventRecord r) {
    return new AuditRow(
        r.getChain(),
        r.getSeq(),
        r.getOccurredAt().toInstant(),
        r.getCycleId(),
        r.getActor(),
        r.getAction(),
        r.getSubject(),
        r.getDetail(),
        r.getReason(),
        r.getPrevHash(),
        r.getHash());
  }
}
