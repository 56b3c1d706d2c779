package io.recon.activities.audit;

import static io.recon.schema.jooq.Tables.AUDIT_EVENT;

import io.recon.activities.support.Traces;
import io.recon.schema.jooq.tables.records.AuditEventRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * Appends events to a job's hash-chained audit log. Call it inside the transaction that makes the
 * change it records, so the change and its audit row commit together or not at all. Each row also
 * records the trace id of the step that wrote it, when that step was traced; the id is not part of
 * the hashed content (see {@link AuditRow}), so rows written before tracing verify as they did.
 */
public final class AuditLog {
  private static final int ROWS = 1_000;

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  /**
   * Appends {@code events} to {@code chain} (the spec's name) in order, in the caller's transaction
   * {@code tx}. Appends to one chain are serialized by a transaction-scoped advisory lock, so
   * concurrent activities never fork the chain.
   *
   * @return the head of the chain after the append, or null when {@code events} is empty
   */
  public Head append(DSLContext tx, String chain, List<AuditEvent> events) {
    if (events.isEmpty()) {
      return null;
    }
    tx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon.audit:" + chain);
    Record2<Long, String> last =
        tx.select(AUDIT_EVENT.SEQ, AUDIT_EVENT.HASH)
            .from(AUDIT_EVENT)
            .where(AUDIT_EVENT.CHAIN.eq(chain))
            .orderBy(AUDIT_EVENT.SEQ.desc())
            .limit(1)
            .fetchOne();
    long seq = last == null ? 0 : last.value1();
    String prev = last == null ? AuditRow.GENESIS : last.value2();
    // Micros is what PostgreSQL keeps: hashing the stored precision lets verify recompute it.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String traceId = Traces.traceId();
    List<AuditEventRecord> rows = new ArrayList<>(events.size());
    for (AuditEvent e : events) {
      seq++;
      AuditRow row =
          new AuditRow(
              chain,
              seq,
              now,
              e.cycleId(),
              e.actor(),
              e.action().text(),
              e.subject(),
              e.detail(),
              e.reason(),
              prev,
              null);
      String hash = row.expectedHash();
      AuditEventRecord r = tx.newRecord(AUDIT_EVENT);
      r.setChain(chain);
      r.setSeq(seq);
      r.setOccurredAt(now.atOffset(ZoneOffset.UTC));
      r.setCycleId(e.cycleId());
      r.setActor(e.actor());
      r.setAction(e.action().text());
      r.setSubject(e.subject());
      r.setDetail(e.detail());
      r.setReason(e.reason());
      r.setPrevHash(prev);
      r.setHash(hash);
      // Outside the hashed content: a pointer from the row to its trace, not evidence.
      r.setTraceId(traceId);
      rows.add(r);
      prev = hash;
    }
    // Multi-row INSERTs of up to ROWS rows each: one statement per thousand events rather than a
    // statement per event, and well under the driver's 32,767 bind parameters per statement.
    for (int from = 0; from < rows.size(); from += ROWS) {
      var chunk = rows.subList(from, Math.min(rows.size(), from + ROWS));
      var insert = tx.insertInto(AUDIT_EVENT).set(chunk.get(0));
      for (AuditEventRecord r : chunk.subList(1, chunk.size())) {
        insert = insert.newRecord().set(r);
      }
      insert.execute();
    }
    return new Head(chain, seq, prev);
  }

  /** The newest row of a chain. */
  public record Head(String chain, long seq, String hash) {}
}
