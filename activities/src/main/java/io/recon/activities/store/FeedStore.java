package io.recon.activities.store;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The feeds' rows in {@code recon.feed}: started, stopped or failed, with who did it, and what the
 * captures confirmed. Starting and stopping are audited once each, in the transaction that records
 * them, however often the activity that asks is retried.
 */
public final class FeedStore {
  public static final String RUNNING = "RUNNING";
  public static final String STOPPED = "STOPPED";
  public static final String FAILED = "FAILED";

  private final DSLContext dsl;
  private final Clock clock;
  private final AuditLog audit;

  public FeedStore(DataSource store, Clock clock) {
    this.dsl = Stores.dsl(store);
    this.clock = clock;
    this.audit = new AuditLog(clock);
  }

  /** One feed as stored. */
  public record FeedRow(
      String name,
      String specHash,
      Integer specVersion,
      String status,
      String workflowId,
      String startedBy,
      Instant startedAt,
      String stoppedBy,
      Instant stoppedAt,
      String stopReason,
      String error,
      String sourceCursor,
      String targetCursor,
      String targetUnsupported,
      long sourceChanges,
      long targetChanges,
      long keysStored,
      long keysReconciled,
      long keysWaiting) {}

  /**
   * Records feed {@code name} as RUNNING, keeping the cursors and counters of an earlier run of the
   * same feed, and audits {@code feed.started} when it was not running. Idempotent.
   */
  public FeedRow start(
      String name, String specHash, Integer specVersion, String workflowId, String by) {
    Timestamp now = Timestamp.from(clock.instant());
    return Stores.run(
        dsl,
        "starting feed " + name,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  Optional<FeedRow> before = find(ctx, name, true);
                  if (before.isPresent() && RUNNING.equals(before.get().status())) {
                    return before.get();
                  }
                  ctx.execute(
                      "insert into recon.feed as f (name, spec_hash, spec_version, status,"
                          + " workflow_id, started_by, started_at, updated_at)"
                          + " values (?, ?, ?, ?, ?, ?, ?, ?)"
                          + " on conflict (name) do update set spec_hash = excluded.spec_hash,"
                          + " spec_version = excluded.spec_version, status = excluded.status,"
                          + " workflow_id = excluded.workflow_id, started_by = excluded.started_by,"
                          + " started_at = excluded.started_at, stopped_by = null,"
                          + " stopped_at = null, stop_reason = null, error = null,"
                          + " updated_at = excluded.updated_at",
                      name,
                      specHash,
                      specVersion,
                      RUNNING,
                      workflowId,
                      by,
                      now,
                      now);
                  Map<String, Object> detail = new LinkedHashMap<>();
                  detail.put("specHash", specHash);
                  if (specVersion != null) {
                    detail.put("specVersion", specVersion);
                  }
                  detail.put("workflowId", workflowId);
                  auditFeed(ctx, name, by, AuditAction.FEED_STARTED, detail, null);
                  return find(ctx, name, false).orElseThrow();
                }));
  }

  /**
   * Records feed {@code name} as {@code status} (STOPPED or FAILED) by {@code by}, and audits
   * {@code feed.stopped} once; a feed already stopped or failed keeps its first account. Returns
   * whether this call stopped it.
   */
  public boolean stop(String name, String status, String by, String reason, String error) {
    Timestamp now = Timestamp.from(clock.instant());
    return Stores.run(
        dsl,
        "stopping feed " + name,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  int changed =
                      ctx.execute(
                          "update recon.feed set status = ?, stopped_by = ?, stopped_at = ?,"
                              + " stop_reason = ?, error = ?, updated_at = ?"
                              + " where name = ? and status = ?",
                          status,
                          by,
                          now,
                          reason,
                          error,
                          now,
                          name,
                          RUNNING);
                  if (changed == 0) {
                    return false;
                  }
                  Map<String, Object> detail = new LinkedHashMap<>();
                  detail.put("status", status);
                  if (error != null) {
                    detail.put("error", error);
                  }
                  auditFeed(
                      ctx,
                      name,
                      by,
                      AuditAction.FEED_STOPPED,
                      detail,
                      error != null ? error : reason);
                  return true;
                }));
  }

  /** Records why the target cannot be followed, or null when it can. */
  public void targetSupport(String name, String unsupported) {
    Stores.run(
        dsl,
        "recording the target support of feed " + name,
        d ->
            d.execute(
                "update recon.feed set target_unsupported = ?, updated_at = ? where name = ?",
                unsupported,
                Timestamp.from(clock.instant()),
                name));
  }

  /**
   * A full or incremental cycle of job {@code specName} that is open now, or null: while one is
   * open, key-set cycles wait.
   */
  public String openCycle(String specName) {
    return Stores.run(
        dsl,
        "reading the open cycles of " + specName,
        d ->
            d.fetchOptional(
                    "select cycle_id from recon.cycle where spec_name = ?"
                        + " and status in ('RUNNING', 'AWAITING_APPROVAL', 'GATED')"
                        + " and mode <> 'KEYS' order by started_at limit 1",
                    specName)
                .map(r -> r.get(0, String.class))
                .orElse(null));
  }

  /** How many key-set cycles of job {@code specName} are open now. */
  public long openKeySetCycles(String specName) {
    return openKeySetCyclesExcept(specName, List.of());
  }

  /** How many key-set cycles of job {@code specName} are open now, other than {@code except}. */
  public long openKeySetCyclesExcept(String specName, java.util.Collection<String> except) {
    return Stores.run(
        dsl,
        "counting the open key-set cycles of " + specName,
        d ->
            d.fetchOne(
                    "select count(*) from recon.cycle where spec_name = ?"
                        + " and status in ('RUNNING', 'AWAITING_APPROVAL', 'GATED')"
                        + " and mode = 'KEYS' and cycle_id <> all(?)",
                    specName,
                    except.toArray(String[]::new))
                .get(0, Long.class));
  }

  /** Feed {@code name} as stored, with its waiting keys counted, or empty. */
  public Optional<FeedRow> find(String name) {
    return Stores.run(dsl, "reading feed " + name, d -> find(d, name, false));
  }

  private static Optional<FeedRow> find(DSLContext ctx, String name, boolean lock) {
    Record r =
        ctx.fetchOne(
            "select f.*, (select count(*) from recon.feed_key k where k.feed = f.name"
                + " and (k.claimed_by is null or k.changed_again)) as keys_waiting"
                + " from recon.feed f where f.name = ?"
                + (lock ? " for update" : ""),
            name);
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FeedRow(
            r.get("name", String.class),
            r.get("spec_hash", String.class),
            r.get("spec_version", Integer.class),
            r.get("status", String.class),
            r.get("workflow_id", String.class),
            r.get("started_by", String.class),
            instant(r.get("started_at", OffsetDateTime.class)),
            r.get("stopped_by", String.class),
            instant(r.get("stopped_at", OffsetDateTime.class)),
            r.get("stop_reason", String.class),
            r.get("error", String.class),
            r.get("source_cursor", String.class),
            r.get("target_cursor", String.class),
            r.get("target_unsupported", String.class),
            r.get("source_changes", Long.class),
            r.get("target_changes", Long.class),
            r.get("keys_stored", Long.class),
            r.get("keys_reconciled", Long.class),
            r.get("keys_waiting", Long.class)));
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }

  /**
   * Appends one event of feed {@code name} to its spec's audit chain, in {@code ctx}'s transaction.
   */
  private void auditFeed(
      DSLContext ctx,
      String name,
      String by,
      AuditAction action,
      Map<String, Object> detail,
      String reason) {
    audit.append(
        ctx,
        name,
        List.of(new AuditEvent(null, by, action, "feed " + name, StoreJson.write(detail), reason)));
  }
}
