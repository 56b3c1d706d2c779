package io.recon.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.support.StoreJson;
import io.recon.core.compare.RecordKey;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The waiting-key rules of the feed's store, against the embedded PostgreSQL. */
class FeedKeysIT {
  private static final String FEED = "customers";
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private PGSimpleDataSource store;
  private FeedKeys keys;
  private FeedStore feeds;
  private DSLContext sql;

  @BeforeEach
  void freshStore() {
    store = new PGSimpleDataSource();
    store.setUrl(SharedEngines.newPostgresDatabase());
    store.setUser("postgres");
    StoreMigrator.migrate(store);
    keys = new FeedKeys(store, Clock.systemUTC());
    feeds = new FeedStore(store, Clock.systemUTC());
    sql = DSL.using(store, SQLDialect.POSTGRES);
    feeds.start(FEED, "hash", 1, "recon-feed-" + FEED, "alice");
  }

  private static RecordKey key(long id) {
    return RecordKey.of(id);
  }

  private static ChangedKey change(long id, int secondsAfterT0) {
    return new ChangedKey(key(id), ChangeOrigin.SOURCE, T0.plusSeconds(secondsAfterT0));
  }

  /** Every stored key of the feed: key text to (first change, claimed by, changed again). */
  private Map<String, List<Object>> rows() {
    Map<String, List<Object>> rows = new TreeMap<>();
    for (var r :
        sql.fetch(
            "select key_text, first_changed_at, claimed_by, changed_again, origins"
                + " from recon.feed_key where feed = ?",
            FEED)) {
      rows.put(
          r.get(0, String.class),
          List.of(
              r.get(1, OffsetDateTime.class).toInstant(),
              String.valueOf(r.get(2, String.class)),
              r.get(3, Boolean.class),
              r.get(4, String.class)));
    }
    return rows;
  }

  private static String text(long id) {
    return StoreJson.keyText(key(id));
  }

  private void openCycle(String cycleId, String status) {
    openCycle(cycleId, status, "KEYS");
  }

  private void openCycle(String cycleId, String status, String mode) {
    Timestamp now = Timestamp.from(Instant.now());
    sql.execute(
        "insert into recon.cycle (cycle_id, spec_name, spec_hash, mode, initiator, status,"
            + " started_at, updated_at, finished_at) values (?, ?, 'h', ?, 'feed', ?, ?, ?, ?)",
        cycleId,
        FEED,
        mode,
        status,
        now,
        now,
        "RUNNING".equals(status) ? null : now);
  }

  @Test
  void aWaitingKeyKeepsItsFirstChangeAndAReplayAddsNothing() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 5), change(1, 9)), "0/10");
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 20)), "0/20");
    keys.store(FEED, ChangeOrigin.TARGET, List.of(change(1, 25)), "token-1");
    long storedBefore = feeds.find(FEED).orElseThrow().keysStored();
    // The same change again, as a capture replays after a crash before it confirmed: nothing.
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 20)), "0/20");

    var row = rows().get(text(1));
    assertEquals(T0.plusSeconds(5), row.get(0));
    assertEquals("null", row.get(1));
    assertEquals(false, row.get(2));
    assertEquals("SOURCE,TARGET", row.get(3));
    assertEquals(1, rows().size());
    assertEquals(storedBefore, feeds.find(FEED).orElseThrow().keysStored());
    assertEquals(1, keys.waiting(FEED));
    assertEquals("0/20", keys.cursor(FEED, ChangeOrigin.SOURCE));
    assertEquals("token-1", keys.cursor(FEED, ChangeOrigin.TARGET));
  }

  @Test
  void aCycleClaimsTheOldestKeysUpToItsBatchAndARetriedClaimTakesTheSameSet() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(3, 3), change(1, 1), change(2, 2)), "0/1");
    openCycle("c1", "RUNNING");

    assertEquals(2, keys.claim(FEED, "c1", 2));
    assertEquals(2, keys.claim(FEED, "c1", 2));
    List<RecordKey> claimed = new ArrayList<>();
    keys.claimed("c1", null, 10).forEach(k -> claimed.add(k.key()));
    assertEquals(2, claimed.size());
    assertTrue(claimed.contains(key(1)) && claimed.contains(key(2)));
    assertEquals(1, keys.waiting(FEED));
  }

  @Test
  void aKeyChangedWhileClaimedWaitsAgainAfterTheReleaseAndTheRestAreDeleted() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1), change(2, 2)), "0/1");
    openCycle("c1", "RUNNING");
    keys.claim(FEED, "c1", 10);
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(2, 30), change(2, 40)), "0/2");
    assertEquals(true, rows().get(text(2)).get(2));
    assertEquals(1, keys.waiting(FEED));

    List<Long> latencies = new ArrayList<>();
    FeedKeys.Released released = keys.release(FEED, "c1", latencies::add);

    assertEquals(1, released.reconciled());
    assertEquals(1, released.waitingAgain());
    assertEquals(1, latencies.size());
    var rows = rows();
    assertEquals(List.of(text(2)), List.copyOf(rows.keySet()));
    // It waits from its first change after the claim, unclaimed.
    assertEquals(List.of(T0.plusSeconds(30), "null", false, "SOURCE"), rows.get(text(2)));
    assertEquals(1, feeds.find(FEED).orElseThrow().keysReconciled());
    assertEquals(FeedKeys.Released.NONE, keys.release(FEED, "c1", latencies::add));
  }

  @Test
  void aClaimOfACycleThatClosedIsReleasedBeforeTheNextCycleClaims() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1)), "0/1");
    openCycle("c1", "RUNNING");
    keys.claim(FEED, "c1", 10);
    sql.execute(
        "update recon.cycle set status = 'FAILED', finished_at = now() where cycle_id = 'c1'");
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(2, 2)), "0/2");
    openCycle("c2", "RUNNING");

    assertEquals(1, keys.claim(FEED, "c2", 10));
    assertEquals(List.of(text(2)), List.copyOf(rows().keySet()));
    assertEquals("c2", rows().get(text(2)).get(1));
  }

  @Test
  void aRunningCycleKeepsItsClaimWhileAnotherCycleClaims() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1)), "0/1");
    openCycle("c1", "AWAITING_APPROVAL");
    keys.claim(FEED, "c1", 10);
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(2, 2)), "0/2");
    openCycle("c2", "RUNNING");

    assertEquals(1, keys.claim(FEED, "c2", 10));
    assertEquals("c1", rows().get(text(1)).get(1));
  }

  @Test
  void onlyAFullOrIncrementalCycleKeepsKeySetCyclesWaitingAndOpenKeySetCyclesAreCounted() {
    openCycle("k1", "RUNNING");
    openCycle("k2", "AWAITING_APPROVAL");
    openCycle("k0", "COMPLETED");
    assertNull(feeds.openCycle(FEED));
    assertEquals(2, feeds.openKeySetCycles(FEED));
    openCycle("full1", "RUNNING", "FULL");
    assertEquals("full1", feeds.openCycle(FEED));
    assertEquals(2, feeds.openKeySetCycles(FEED));
  }

  @Test
  void claimableKeysAreTheOnesNoCycleHoldsAndTheHoldersAreListed() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1), change(2, 1)), "0/1");
    openCycle("c1", "RUNNING");
    assertEquals(2, keys.claim(FEED, "c1", 2));
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 2), change(3, 2)), "0/2");
    // Key 1 changed again while c1 holds it: it waits, but only key 3 can be claimed.
    assertEquals(2, keys.waiting(FEED));
    assertEquals(1, keys.claimable(FEED));
    assertEquals(List.of("c1"), keys.claimingCycles(FEED, 10));
    openCycle("c2", "RUNNING");
    assertEquals(1, keys.claim(FEED, "c2", 10));
    assertEquals(0, keys.claimable(FEED));
    assertEquals(List.of("c1", "c2"), keys.claimingCycles(FEED, 10));
  }

  @Test
  void aClaimMadeBeforeItsCycleIsRecordedIsKeptWhileTheFeedHasItInFlight() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1)), "0/1");
    // The feed claims for c1 before c1 runs: no cycle row exists yet.
    assertEquals(1, keys.claim(FEED, "c1", 10, List.of()));
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(2, 2)), "0/2");

    assertEquals(1, keys.claim(FEED, "c2", 10, List.of("c1")));
    assertEquals("c1", rows().get(text(1)).get(1));
    assertEquals("c2", rows().get(text(2)).get(1));
    // c1's planning claims again: it holds its key already and releases no one's claim.
    assertEquals(1, keys.claim(FEED, "c1", 10));
    assertEquals("c2", rows().get(text(2)).get(1));
    assertEquals(1, keys.heldBy("c2"));

    // A claim the feed no longer has in flight and no cycle recorded is stale: released.
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(3, 3)), "0/3");
    assertEquals(1, keys.claim(FEED, "c3", 10, List.of("c2")));
    assertEquals(List.of(text(2), text(3)), List.copyOf(rows().keySet()));
  }

  @Test
  void aRequeuedClaimWaitsAgainFromItsFirstChangeAndCountsNothingReconciled() {
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(1, 1), change(2, 2)), "0/1");
    assertEquals(2, keys.claim(FEED, "c1", 10, List.of()));
    keys.store(FEED, ChangeOrigin.SOURCE, List.of(change(2, 30)), "0/2");

    assertEquals(2, keys.requeue(FEED, "c1"));
    var rows = rows();
    assertEquals(List.of(T0.plusSeconds(1), "null", false, "SOURCE"), rows.get(text(1)));
    assertEquals(List.of(T0.plusSeconds(2), "null", false, "SOURCE"), rows.get(text(2)));
    assertEquals(2, keys.claimable(FEED));
    assertEquals(0, keys.heldBy("c1"));
    assertEquals(0, feeds.find(FEED).orElseThrow().keysReconciled());
    assertEquals(0, keys.requeue(FEED, "c1"));
  }

  @Test
  void openKeySetCyclesAreCountedWithoutTheFeedsOwn() {
    openCycle("k1", "RUNNING");
    openCycle("k2", "GATED");
    openCycle("k3", "COMPLETED");
    assertEquals(2, feeds.openKeySetCyclesExcept(FEED, List.of()));
    assertEquals(1, feeds.openKeySetCyclesExcept(FEED, List.of("k1", "k9")));
  }

  @Test
  void keysOfAFeedNeverStartedAreRefusedAndNothingIsStored() {
    assertThrows(
        RuntimeException.class,
        () -> keys.store("ghost", ChangeOrigin.SOURCE, List.of(change(1, 1)), "0/1"));
    assertEquals(0, sql.fetchCount(DSL.table("recon.feed_key")));
    assertNull(keys.cursor("ghost", ChangeOrigin.SOURCE));
  }

  @Test
  void startAndStopAreRecordedOnceEach() {
    feeds.start(FEED, "hash", 1, "recon-feed-" + FEED, "bob");
    assertEquals("alice", feeds.find(FEED).orElseThrow().startedBy());
    assertTrue(feeds.stop(FEED, FeedStore.STOPPED, "carol", "maintenance", null));
    assertFalse(feeds.stop(FEED, FeedStore.STOPPED, "dave", "again", null));
    var row = feeds.find(FEED).orElseThrow();
    assertEquals("STOPPED", row.status());
    assertEquals("carol", row.stoppedBy());
    assertEquals(
        2,
        sql.fetchCount(
            DSL.table("recon.audit_event"),
            DSL.field("action").in("feed.started", "feed.stopped")));
  }
}
