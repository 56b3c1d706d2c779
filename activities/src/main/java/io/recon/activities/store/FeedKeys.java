package io.recon.activities.store;

import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.activities.support.StoreJson;
import io.recon.core.canonical.Digests;
import io.recon.core.compare.RecordKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The store of waiting keys ({@code recon.feed_key}) and the feeds' cursors ({@code recon.feed}):
 * the {@link KeySink} the captures write to, and the claim and release of key-set cycles.
 *
 * <p>The rules: a waiting key keeps the time of its first unreconciled change; a key claimed by a
 * running cycle is marked {@code changed_again}, so that it waits again once that cycle released
 * it; re-storing a change already stored adds nothing. Keys and the cursor are written in one
 * transaction, so a capture that confirms its position after {@link #store} returned loses nothing.
 */
public final class FeedKeys implements KeySink {
  /** Cycle states in which a claim is still held; a claim of any other cycle is stale. */
  private static final List<String> OPEN = List.of("RUNNING", "AWAITING_APPROVAL", "GATED");

  private final DSLContext dsl;
  private final Clock clock;

  public FeedKeys(DataSource store, Clock clock) {
    this.dsl = Stores.dsl(store);
    this.clock = clock;
  }

  /**
   * What a release did: keys reconciled and deleted, keys that changed again during the cycle and
   * wait again, and the change-to-verdict latency of the reconciled ones (verdict time minus the
   * key's first change), the largest and the sum, in milliseconds.
   */
  public record Released(
      long reconciled, long waitingAgain, long maxLatencyMillis, long sumMillis) {
    public static final Released NONE = new Released(0, 0, 0, 0);

    Released plus(Released o) {
      return new Released(
          reconciled + o.reconciled,
          waitingAgain + o.waitingAgain,
          Math.max(maxLatencyMillis, o.maxLatencyMillis),
          sumMillis + o.sumMillis);
    }
  }

  @Override
  public void store(String feed, ChangeOrigin origin, List<ChangedKey> keys, String cursor) {
    // One row per key in this call, at the earliest and latest change of it, so a key that repeats
    // within the call is written once and the statement never touches a row twice.
    Map<String, ChangedKey[]> distinct = new LinkedHashMap<>();
    for (ChangedKey k : keys) {
      ChangedKey[] span =
          distinct.computeIfAbsent(StoreJson.keyText(k.key()), t -> new ChangedKey[] {k, k});
      if (k.changedAt().isBefore(span[0].changedAt())) {
        span[0] = k;
      }
      if (k.changedAt().isAfter(span[1].changedAt())) {
        span[1] = k;
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    Stores.run(
        dsl,
        "storing " + distinct.size() + " changed keys of feed " + feed,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  // The feed's one lock, taken first, as claim and release take it: a store that
                  // updated waiting rows while a claim locked them in another order deadlocked.
                  ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon-feed:" + feed);
                  int stored = upsertAll(ctx, feed, origin, distinct, now);
                  String column = origin == ChangeOrigin.SOURCE ? "source" : "target";
                  int updated =
                      ctx.execute(
                          "update recon.feed set "
                              + column
                              + "_cursor = coalesce(?, "
                              + column
                              + "_cursor), "
                              + column
                              + "_changes = "
                              + column
                              + "_changes + ?, keys_stored = keys_stored + ?, updated_at = ?"
                              + " where name = ?",
                          cursor,
                          (long) keys.size(),
                          (long) stored,
                          now,
                          feed);
                  if (updated == 0) {
                    throw new IllegalStateException("feed " + feed + " was never started");
                  }
                  return null;
                }));
  }

  private static final String UPSERT =
      "insert into recon.feed_key as k (feed, key_hash, key_text, first_changed_at,"
          + " last_changed_at, origins, stored_at) values (?, ?, ?, ?, ?, ?, ?)"
          + " on conflict (feed, key_hash) do update set"
          + " last_changed_at = greatest(k.last_changed_at, excluded.last_changed_at),"
          + " first_changed_at = least(k.first_changed_at, excluded.first_changed_at),"
          + " origins = case when k.origins like '%' || excluded.origins || '%' then k.origins"
          + " else 'SOURCE,TARGET' end,"
          + " changed_again = k.changed_again or k.claimed_by is not null,"
          + " again_at = case when k.claimed_by is null then k.again_at"
          + " else least(coalesce(k.again_at, ?), ?) end"
          + " where excluded.last_changed_at > k.last_changed_at"
          + " or (k.claimed_by is null and excluded.first_changed_at < k.first_changed_at)";

  /**
   * Inserts each key as waiting, or records a new change of it, in one JDBC batch: a waiting key
   * keeps its first change time; a claimed one is marked changed again. A change at or before the
   * last one recorded (a replay) changes nothing. Returns how many rows were inserted or changed.
   */
  private static int upsertAll(
      DSLContext ctx,
      String feed,
      ChangeOrigin origin,
      Map<String, ChangedKey[]> distinct,
      Timestamp now) {
    if (distinct.isEmpty()) {
      return 0;
    }
    Object[][] rows = new Object[distinct.size()][];
    int i = 0;
    for (Map.Entry<String, ChangedKey[]> e : distinct.entrySet()) {
      String keyText = e.getKey();
      Timestamp first = Timestamp.from(e.getValue()[0].changedAt());
      Timestamp last = Timestamp.from(e.getValue()[1].changedAt());
      rows[i++] =
          new Object[] {
            feed, Digests.sha256Hex(keyText), keyText, first, last, origin.name(), now, first, first
          };
    }
    int stored = 0;
    for (int n : ctx.batch(UPSERT, rows).execute()) {
      // A driver that cannot count a batched statement says SUCCESS_NO_INFO (-2): count it.
      stored += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
    }
    return stored;
  }

  @Override
  public String cursor(String feed, ChangeOrigin origin) {
    String column = origin == ChangeOrigin.SOURCE ? "source_cursor" : "target_cursor";
    return Stores.run(
        dsl,
        "reading the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " cursor of " + feed,
        d ->
            d.fetchOptional("select " + column + " from recon.feed where name = ?", feed)
                .map(r -> r.get(0, String.class))
                .orElse(null));
  }

  /** How many keys of {@code feed} wait, unclaimed or changed again while claimed. */
  public long waiting(String feed) {
    return Stores.run(
        dsl,
        "counting the waiting keys of " + feed,
        d ->
            d.fetchOne(
                    "select count(*) from recon.feed_key where feed = ?"
                        + " and (claimed_by is null or changed_again)",
                    feed)
                .get(0, Long.class));
  }

  /** How many keys of {@code feed} a new cycle could claim now: waiting and held by no cycle. */
  public long claimable(String feed) {
    return Stores.run(
        dsl,
        "counting the claimable keys of " + feed,
        d ->
            d.fetchOne(
                    "select count(*) from recon.feed_key where feed = ? and claimed_by is null",
                    feed)
                .get(0, Long.class));
  }

  /**
   * The cycles that hold claims on keys of {@code feed} now, at most {@code limit}: a key-set cycle
   * the feed started and that is not among them has not claimed its keys yet.
   */
  public List<String> claimingCycles(String feed, int limit) {
    return Stores.run(
        dsl,
        "reading the cycles holding keys of " + feed,
        d ->
            d.fetch(
                    "select distinct claimed_by from recon.feed_key where feed = ?"
                        + " and claimed_by is not null order by claimed_by limit ?",
                    feed,
                    limit)
                .getValues(0, String.class));
  }

  /**
   * Claims for {@code cycleId} at most {@code max} waiting keys of {@code feed}, oldest first, and
   * returns how many the cycle holds. Idempotent: a cycle that holds keys already claims no more,
   * so a retried planning claims the same set. Claims of cycles that are no longer open are
   * released first, so a cycle lost with its feed never strands its keys.
   */
  public long claim(String feed, String cycleId, int max) {
    return claim(feed, cycleId, max, List.of());
  }

  /**
   * The same, with the cycles of the feed in flight whose claims are kept even before their cycle
   * is recorded in the store: the feed claims for a cycle before it starts it. A cycle that holds
   * keys already returns at once, without looking for stale claims, so a cycle whose keys the feed
   * claimed never releases a sibling's claim made the same way.
   */
  public long claim(String feed, String cycleId, int max, java.util.Collection<String> inFlight) {
    return Stores.run(
        dsl,
        "claiming the waiting keys of " + feed + " for " + cycleId,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  // Serializes claimers and releasers of one feed.
                  ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon-feed:" + feed);
                  long held = held(ctx, cycleId);
                  if (held > 0) {
                    return held;
                  }
                  releaseStale(ctx, feed, cycleId, inFlight);
                  return (long)
                      ctx.execute(
                          "update recon.feed_key set claimed_by = ? where (feed, key_hash) in"
                              + " (select feed, key_hash from recon.feed_key where feed = ?"
                              + " and claimed_by is null order by first_changed_at, key_hash"
                              + " limit ? for update)",
                          cycleId,
                          feed,
                          max);
                }));
  }

  /** How many keys {@code cycleId} holds now. */
  public long heldBy(String cycleId) {
    return Stores.run(dsl, "counting the keys claimed by " + cycleId, d -> held(d, cycleId));
  }

  private static long held(DSLContext ctx, String cycleId) {
    return ctx.fetchOne("select count(*) from recon.feed_key where claimed_by = ?", cycleId)
        .get(0, Long.class);
  }

  /**
   * The keys {@code cycleId} holds, in key-text order after {@code afterHash} (null for the first
   * page), at most {@code limit}: the key set its comparison reads.
   */
  public List<ClaimedKey> claimed(String cycleId, String afterHash, int limit) {
    return Stores.run(
        dsl,
        "reading the keys claimed by " + cycleId,
        d -> {
          List<ClaimedKey> keys = new ArrayList<>(limit);
          for (Record r :
              d.fetch(
                  "select key_hash, key_text from recon.feed_key where claimed_by = ?"
                      + " and key_hash > ? order by key_hash limit ?",
                  cycleId,
                  afterHash == null ? "" : afterHash,
                  limit)) {
            String text = r.get(1, String.class);
            keys.add(new ClaimedKey(r.get(0, String.class), StoreJson.key(text)));
          }
          return keys;
        });
  }

  /** A key a cycle holds, with the hash that pages through them. */
  public record ClaimedKey(String keyHash, RecordKey key) {}

  /**
   * Releases the claim of {@code cycleId}, whatever its outcome: its keys are deleted, except those
   * changed again meanwhile, which wait again from the first change after the claim. The verdict
   * time is the cycle's end, or now if it has not recorded one. Idempotent: a second release finds
   * nothing. {@code latency} receives each reconciled key's change-to-verdict latency in ms.
   */
  public Released release(String feed, String cycleId, LongConsumer latency) {
    return underFeedLock(
        feed,
        "releasing the keys claimed by " + cycleId,
        ctx -> release(ctx, feed, cycleId, latency));
  }

  /**
   * Runs {@code work} in one transaction that first takes the feed's advisory lock, as every claim,
   * release and store of the feed's keys does.
   */
  private <T> T underFeedLock(
      String feed, String what, java.util.function.Function<DSLContext, T> work) {
    return Stores.run(
        dsl,
        what,
        d ->
            d.transactionResult(
                tx -> {
                  DSLContext ctx = tx.dsl();
                  ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon-feed:" + feed);
                  return work.apply(ctx);
                }));
  }

  private Released release(DSLContext ctx, String feed, String cycleId, LongConsumer latency) {
    OffsetDateTime verdict =
        ctx.fetchOptional("select finished_at from recon.cycle where cycle_id = ?", cycleId)
            .map(r -> r.get(0, OffsetDateTime.class))
            .orElse(null);
    Instant at = verdict == null ? clock.instant() : verdict.toInstant();
    long max = 0;
    long sum = 0;
    long reconciled = 0;
    for (Record r :
        ctx.fetch(
            "delete from recon.feed_key where feed = ? and claimed_by = ? and not changed_again"
                + " returning first_changed_at",
            feed,
            cycleId)) {
      long millis =
          Math.max(
              0, at.toEpochMilli() - r.get(0, OffsetDateTime.class).toInstant().toEpochMilli());
      latency.accept(millis);
      max = Math.max(max, millis);
      sum += millis;
      reconciled++;
    }
    long again =
        ctx.execute(
            "update recon.feed_key set claimed_by = null, changed_again = false,"
                + " first_changed_at = coalesce(again_at, last_changed_at), again_at = null"
                + " where feed = ? and claimed_by = ?",
            feed,
            cycleId);
    ctx.execute(
        "update recon.feed set keys_reconciled = keys_reconciled + ?, updated_at = ?"
            + " where name = ?",
        reconciled,
        Timestamp.from(clock.instant()),
        feed);
    return new Released(reconciled, again, max, sum);
  }

  /**
   * Gives the keys {@code cycleId} holds back to waiting, each as it waited before the claim (its
   * first change time kept, a change during the claim folded in): for a cycle refused before it
   * compared anything, whose keys must not count as reconciled. Idempotent. Returns how many.
   */
  public long requeue(String feed, String cycleId) {
    return underFeedLock(
        feed,
        "giving back the keys claimed by " + cycleId,
        ctx ->
            (long)
                ctx.execute(
                    "update recon.feed_key set claimed_by = null, changed_again = false,"
                        + " again_at = null where feed = ? and claimed_by = ?",
                    feed,
                    cycleId));
  }

  // Claims held by cycles that closed (or were never recorded) are released as the cycle would.
  private void releaseStale(
      DSLContext ctx, String feed, String cycleId, java.util.Collection<String> inFlight) {
    List<String> stale =
        ctx.fetch(
                "select distinct k.claimed_by from recon.feed_key k"
                    + " left join recon.cycle c on c.cycle_id = k.claimed_by"
                    + " where k.feed = ? and k.claimed_by is not null and k.claimed_by <> ?"
                    + " and (c.cycle_id is null or c.status not in (?, ?, ?))",
                feed,
                cycleId,
                OPEN.get(0),
                OPEN.get(1),
                OPEN.get(2))
            .getValues(0, String.class);
    for (String other : stale) {
      if (inFlight.contains(other)) {
        continue;
      }
      release(ctx, feed, other, millis -> {});
    }
  }
}
