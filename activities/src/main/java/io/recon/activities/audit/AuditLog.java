package io.recon.activities.audit;

import static io.recon.schema.jooq.Tables.AUDIT_EVENT;

import io.recon.activities.support.Traces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
    int n = events.size();
    var seqs = new Long[n];
    var cycles = new String[n];
    var actors = new String[n];
    var actions = new String[n];
    var subjects = new String[n];
    var details = new String[n];
    var reasons = new String[n];
    var prevs = new String[n];
    var hashes = new String[n];
    for (int i = 0; i < n; i++) {
      AuditEvent e = events.get(i);
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
      seqs[i] = seq;
      cycles[i] = e.cycleId();
      actors[i] = e.actor();
      actions[i] = e.action().text();
      subjects[i] = e.subject();
      details[i] = e.detail();
      reasons[i] = e.reason();
      prevs[i] = prev;
      hashes[i] = hash;
      prev = hash;
    }
    // One statement whatever the number of events: a column per array, unnested into rows, rather
    // than a statement per event. The trace id is outside the hashed content: a pointer from the
    // row to its trace, not evidence.
    tx.execute(
        "insert into recon.audit_event (seq, cycle_id, actor, action, subject, detail, reason,"
            + " prev_hash, hash, chain, occurred_at, trace_id)"
            + " select u.*, ?, ?::timestamptz, ? from unnest(?::bigint[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u",
        chain,
        now.atOffset(ZoneOffset.UTC),
        traceId,
        seqs,
        cycles,
        actors,
        actions,
        subjects,
        details,
        reasons,
        prevs,
        hashes);
    return new Head(chain, seq, prev);
  }

  /** The newest row of a chain. */
  public record Head(String chain, long seq, String hash) {}
}
