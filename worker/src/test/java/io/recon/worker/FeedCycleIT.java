package io.recon.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.activities.feed.CaptureOrigin;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.FeedActivitiesImpl;
import io.recon.activities.store.FeedStore;
import io.recon.activities.store.SpecRegistry;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.starter.feed.FeedClient;
import io.recon.workflows.feed.FeedStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A feed on the embedded stack, with a fake source capture that stores keys through the real sink:
 * the key-set cycle it runs reconciles exactly the changed keys (an updated row, a deleted row
 * whose document is now an orphan, a row changed twice while waiting) and releases them.
 */
class FeedCycleIT {
  private static final String SPEC =
      """
      name: members
      owner: crm
      approvers: [alice]
      source: { table: public.members, key: [id] }
      target: { database: ${db}, collection: members, key: [_id] }
      fields:
        - { source: email, target: email, type: string }
      settle: 0s
      repair: { auto: [low, medium, high], approvalTimeout: 1s, maxDivergenceRatio: 1 }
      feed: { window: 1s, batch: 100 }
      """;

  private static final String NO_STREAMS =
      "no change streams on this server (the embedded MongoDB-wire server)";

  private final FakeSourceCapture source = new FakeSourceCapture();
  private final List<Long> latencies = new CopyOnWriteArrayList<>();

  private CycleFixture fixture() {
    return new CycleFixture(
        o ->
            o instanceof FeedActivitiesImpl feed
                ? feed.withCaptures(source, CaptureOrigin.unavailable(NO_STREAMS), latencies::add)
                : o);
  }

  private static ChangedKey changed(long id, Instant at) {
    return new ChangedKey(RecordKey.of(id), ChangeOrigin.SOURCE, at);
  }

  @Test
  void changedKeysAreReconciledOnceAsAKeySetCycleAndReleased() throws Exception {
    try (CycleFixture f = fixture()) {
      f.sql(
          "create table members (id bigint primary key, email text)",
          "insert into members select g, 'm' || g || '@x' from generate_series(1, 6) g");
      for (long id = 1; id <= 6; id++) {
        f.collection("members").insertOne(new Document("_id", id).append("email", "m" + id + "@x"));
      }
      JobSpec spec = f.spec(SPEC);
      var registry = new SpecRegistry(f.worker.resources().store(), Clock.systemUTC());
      int version =
          registry.apply(spec, SPEC.replace("${db}", f.mongoDb), "alice").version().version();
      var feeds =
          new FeedClient(
              f.worker.resources().client(),
              f.taskQueue,
              new FeedStore(f.worker.resources().store(), Clock.systemUTC()));

      feeds.start("members", version, "alice");
      awaitTrue(() -> "RUNNING".equals(feeds.status("members").status()), "the feed runs");
      FeedStatus running = feeds.status("members");
      assertFalse(running.target().supported());
      assertEquals(NO_STREAMS, running.target().unsupported());
      assertEquals(version, running.specVersion());

      // The copy misses three writes: 2 updated, 3 deleted, 4 updated twice (5 is untouched).
      f.sql(
          "update members set email = 'new2@x' where id = 2",
          "delete from members where id = 3",
          "update members set email = 'first4@x' where id = 4",
          "update members set email = 'second4@x' where id = 4");
      Instant t = Instant.now();
      source.changed(
          List.of(changed(2, t), changed(3, t), changed(4, t), changed(4, t.plusMillis(5))));

      awaitTrue(
          () -> feeds.status("members").cycles().completed() >= 1,
          "a key-set cycle ran and released its keys");
      FeedStatus after = feeds.status("members");
      assertTrue(after.cycles().lastOutcome().startsWith("COMPLETED"), after.toString());
      assertEquals(3, after.cycles().keysReconciled());
      assertEquals(0, after.keysWaiting());
      assertEquals(3, latencies.size());

      List<List<String>> cycles =
          f.rows("select cycle_id, status, mode from recon.cycle where spec_name = 'members'");
      assertEquals(1, cycles.size(), cycles.toString());
      assertEquals(List.of("COMPLETED", "KEYS"), cycles.get(0).subList(1, 3));
      String cycleId = cycles.get(0).get(0);
      Map<String, String> found = new TreeMap<>();
      for (List<String> r :
          f.rows(
              "select key_json, kind || ' ' || status from recon.discrepancy where cycle_id = '"
                  + cycleId
                  + "'")) {
        found.put(r.get(0), r.get(1));
      }
      assertEquals(
          Map.of(
              "{\"id\":2}", "MISMATCH REPAIRED",
              "{\"id\":3}", "ORPHAN REPORTED",
              "{\"id\":4}", "MISMATCH REPAIRED"),
          found);
      assertEquals(
          "second4@x",
          f.collection("members").find(new Document("_id", 4L)).first().getString("email"));
      assertEquals(
          "new2@x",
          f.collection("members").find(new Document("_id", 2L)).first().getString("email"));
      assertEquals(List.of(List.of("0")), f.rows("select count(*) from recon.feed_key"));

      FeedStatus stopped =
          feeds.stop("members", "bob", "maintenance", false, Duration.ofMinutes(2));
      assertEquals("STOPPED", stopped.status());
      FeedStore.FeedRow row = feeds.row("members").orElseThrow();
      assertEquals("STOPPED", row.status());
      assertEquals("bob", row.stoppedBy());
      assertEquals("maintenance", row.stopReason());
      assertNotNull(row.sourceCursor());
      assertEquals(0, source.dropped.get());
      assertEquals(
          List.of(List.of("feed.started", "alice"), List.of("feed.stopped", "bob")),
          f.rows(
              "select action, actor from recon.audit_event where action like 'feed.%' order by seq"));
    }
  }

  // Waits for the feed's asynchronous progress, bounded so that a feed that never gets there fails.
  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200);
    }
  }
}
