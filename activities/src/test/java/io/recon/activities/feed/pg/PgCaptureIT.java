package io.recon.activities.feed.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.support.Connections;
import io.recon.core.config.Endpoint;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.EmbeddedPostgresEngine;
import io.recon.embedded.Ports;
import io.recon.embedded.testing.SharedEngines;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.replication.LogSequenceNumber;

/** {@link PgCapture} against a real slot of the embedded PostgreSQL. */
class PgCaptureIT {
  private static final String TABLE_SPEC =
      "name: feed-it\nowner: o\n"
          + "source: {table: customer, key: [id]}\n"
          + "target: {database: d, collection: c, key: [_id]}\n"
          + "fields:\n  - {source: name, target: name, type: string}\n"
          + "feed: {publication: feed_pub, slot: feed_slot}\n";
  private static final String QUERY_SPEC =
      "name: feed-it\nowner: o\n"
          + "source:\n"
          + "  query: select c.id, a.city from customer c join address a using (address_id)\n"
          + "  key: [id]\n"
          + "target: {database: d, collection: c, key: [_id]}\n"
          + "fields:\n  - {source: city, target: city, type: string}\n"
          + "feed:\n  publication: feed_pub\n  slot: feed_slot\n  tables:\n"
          + "    - {table: customer, keys: 'select :id as id'}\n"
          + "    - {table: address, keys: 'select id from customer where address_id ="
          + " :address_id'}\n";

  private String url;
  private HikariDataSource readOnly;
  private final AtomicInteger beats = new AtomicInteger();

  private String slot;

  @AfterEach
  void close() {
    if (slot != null) {
      dropSlot();
    }
    if (readOnly != null) {
      readOnly.close();
    }
  }

  private void dropSlot() {
    try {
      PgCapture.dropSlot(new PgCaptureSettings(url, "postgres", null), slot);
    } catch (RuntimeException e) {
      // Left for the server to drop with the test JVM's engine.
    }
  }

  private void database(String jdbcUrl) throws SQLException {
    url = jdbcUrl;
    // Slots belong to the server, not to a database: each test names its own.
    slot = "slot_" + url.substring(url.lastIndexOf('/') + 1);
    sql(
        "create table customer (id int primary key, name text, address_id int)",
        "create table address (address_id int primary key, city text)",
        "create publication feed_pub for table customer, address");
    readOnly = Connections.readOnlyPostgres(new Endpoint(url, "postgres", null), "feed-it", 2);
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private PgCapture open(String yaml) {
    JobSpec spec = SpecLoader.parse(yaml.replace("feed_slot", slot), "feed-it.yaml");
    return PgCapture.open(new PgCaptureSettings(url, "postgres", null), readOnly, spec);
  }

  /** Polls until {@code expected} distinct keys were stored, at most 40 polls. */
  private Set<Object> keys(PgCapture capture, MemorySink sink, int expected) {
    Set<Object> seen = new java.util.LinkedHashSet<>();
    for (int i = 0; i < 40 && seen.size() < expected; i++) {
      capture.poll(Duration.ofMillis(250), 1000, sink, beats::incrementAndGet);
      seen.addAll(sink.take());
    }
    return seen;
  }

  private static long lsn(String text) {
    return org.postgresql.replication.LogSequenceNumber.valueOf(text).asLong();
  }

  private String confirmedLsn() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select confirmed_flush_lsn from pg_replication_slots where slot_name = '"
                    + slot
                    + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void insertsUpdatesKeyChangesAndDeletesOfATableSourceMarkTheirKeys() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    MemorySink sink = new MemorySink();
    try (PgCapture capture = open(TABLE_SPEC)) {
      sql("insert into customer values (1, 'Ann', 10)");
      assertEquals(Set.of(1L), keys(capture, sink, 1));
      sql("update customer set name = 'Anna' where id = 1");
      assertEquals(Set.of(1L), keys(capture, sink, 1));
      sql("update customer set id = 2 where id = 1");
      assertEquals(Set.of(1L, 2L), keys(capture, sink, 2));
      sql("delete from customer where id = 2");
      assertEquals(Set.of(2L), keys(capture, sink, 1));
      // One transaction, two rows, and a table the job does not capture in between.
      sql(
          "begin; insert into customer values (3, 'C', 1); insert into address values (1, 'x');"
              + " insert into customer values (4, 'D', 1); commit");
      sink.stores.clear();
      CaptureResult result = null;
      Set<Object> seen = new java.util.LinkedHashSet<>();
      for (int i = 0; i < 40 && seen.size() < 2; i++) {
        result = capture.poll(Duration.ofMillis(250), 1000, sink, beats::incrementAndGet);
        List<ChangedKey> stored = sink.stores.stream().flatMap(s -> s.keys().stream()).toList();
        stored.forEach(k -> seen.add(k.key().parts().get(0)));
        stored.forEach(k -> assertEquals(ChangeOrigin.SOURCE, k.origin()));
        if (!sink.stores.isEmpty()) {
          // Never confirmed short of what was stored. It may be beyond it: an idle capture
          // confirms the WAL it received with nothing for this feed (other databases of the
          // shared engine write meanwhile), and that is no change lost.
          assertNotAhead(sink.cursor("feed-it", ChangeOrigin.SOURCE), result.cursor());
        }
      }
      assertEquals(Set.of(3L, 4L), seen);
      assertTrue(result.retainedWalBytes() >= 0);
      assertTrue(result.lagBytes() >= 0);
      assertTrue(beats.get() > 0);
    }
    assertNotAhead(sink.cursor("feed-it", ChangeOrigin.SOURCE), confirmedLsn());
  }

  /** {@code stored} is a position at or before {@code confirmed}. */
  private static void assertNotAhead(String stored, String confirmed) {
    assertTrue(
        LogSequenceNumber.valueOf(stored).asLong() <= LogSequenceNumber.valueOf(confirmed).asLong(),
        "stored " + stored + " is ahead of the confirmed position " + confirmed);
  }

  @Test
  void aChangeToAJoinedTableMarksTheKeysItsKeysQuerySelectsOldAndNew() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    sql(
        "insert into address values (10, 'Oslo'), (20, 'Rome')",
        "insert into customer values (1, 'A', 10), (2, 'B', 10), (3, 'C', 20)");
    MemorySink sink = new MemorySink();
    try (PgCapture capture = open(QUERY_SPEC)) {
      sql("update address set city = 'Bergen' where address_id = 10");
      assertEquals(Set.of(1L, 2L), keys(capture, sink, 2));
      sql("update customer set address_id = 20 where id = 1");
      assertEquals(Set.of(1L), keys(capture, sink, 1));
      sql("delete from address where address_id = 20");
      assertEquals(Set.of(1L, 3L), keys(capture, sink, 2));
    }
  }

  @Test
  void aCaptureClosedBeforeItStoredGetsTheChangeAgainAndNothingConfirmedComesBack()
      throws Exception {
    database(SharedEngines.newPostgresDatabase());
    try (PgCapture first = open(TABLE_SPEC)) {
      sql("insert into customer values (10, 'x', null)");
      MemorySink dying =
          new MemorySink() {
            @Override
            public void store(String f, ChangeOrigin o, List<ChangedKey> k, String c) {
              throw new IllegalStateException("worker killed");
            }
          };
      assertThrows(
          IllegalStateException.class,
          () -> {
            for (int i = 0; i < 40; i++) {
              first.poll(Duration.ofMillis(250), 1000, dying, () -> {});
            }
          });
    }
    MemorySink sink = new MemorySink();
    try (PgCapture second = open(TABLE_SPEC)) {
      assertEquals(Set.of(10L), keys(second, sink, 1));
      sql("insert into customer values (11, 'y', null)");
      assertEquals(Set.of(11L), keys(second, sink, 1));
    }
    try (PgCapture third = open(TABLE_SPEC)) {
      sql("insert into customer values (12, 'z', null)");
      assertEquals(Set.of(12L), keys(third, sink, 1));
    }
  }

  @Test
  void aCaptureKilledAfterItStoredButBeforeItConfirmedAddsNothingTwice() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    MemorySink sink = new MemorySink();
    try (PgCapture first = open(TABLE_SPEC)) {
      sql("insert into customer values (20, 'x', null)");
      MemorySink storesThenDies =
          new MemorySink() {
            @Override
            public void store(String f, ChangeOrigin o, List<ChangedKey> k, String c) {
              sink.store(f, o, k, c);
              throw new IllegalStateException("worker killed before it confirmed");
            }
          };
      assertThrows(
          IllegalStateException.class,
          () -> {
            for (int i = 0; i < 40; i++) {
              first.poll(Duration.ofMillis(250), 1000, storesThenDies, () -> {});
            }
          });
    }
    assertEquals(Set.of(20L), sink.take());
    try (PgCapture second = open(TABLE_SPEC)) {
      sql("insert into customer values (21, 'y', null)");
      assertEquals(Set.of(21L), keys(second, sink, 1));
    }
  }

  @Test
  void aPostgresRestartMidStreamResumesFromTheConfirmedPositionAndStoresEveryKeyOnce()
      throws Exception {
    Path data = Files.createTempDirectory("recon-pg-restart");
    int port = Ports.free();
    EmbeddedPostgresEngine engine = EmbeddedPostgresEngine.start(port, data);
    try (engine) {
      database(engine.jdbcUrl());
      MemorySink sink = new MemorySink();
      List<Object> stored = new java.util.ArrayList<>();
      PgCapture capture = open(TABLE_SPEC);
      sql("insert into customer values (1, 'a', null)");
      stored.addAll(keys(capture, sink, 1));
      // A worker keeps polling while PostgreSQL goes down, as a real one would: a fast shutdown
      // waits for the walsender's client to confirm what it was sent.
      var failure = new java.util.concurrent.atomic.AtomicReference<RuntimeException>();
      Thread poller =
          new Thread(
              () -> {
                try {
                  while (true) {
                    capture.poll(Duration.ofMillis(100), 1000, sink, () -> {});
                  }
                } catch (RuntimeException e) {
                  failure.set(e);
                }
              });
      sql("insert into customer values (2, 'b', null)");
      poller.start();
      readOnly.close();
      engine.restart();
      poller.join();
      capture.close();
      ApplicationFailure lost = assertInstanceOf(ApplicationFailure.class, failure.get());
      assertFalse(lost.isNonRetryable(), lost.getMessage());
      readOnly = Connections.readOnlyPostgres(new Endpoint(url, "postgres", null), "feed-it", 2);
      sql("insert into customer values (3, 'c', null)");
      try (PgCapture resumed = open(TABLE_SPEC)) {
        for (int i = 0;
            i < 40
                && !sink.stores.stream()
                    .flatMap(x -> x.keys().stream())
                    .anyMatch(k -> k.key().parts().get(0).equals(3L));
            i++) {
          resumed.poll(Duration.ofMillis(250), 1000, sink, () -> {});
        }
      }
      sink.stores.forEach(x -> x.keys().forEach(k -> stored.add(k.key().parts().get(0))));
      assertEquals(List.of(1L, 2L, 3L), stored);
      dropSlot();
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void aHugeTransactionSpillsItsKeysInChunksWithoutMovingTheCursorPastIt() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    MemorySink sink = new MemorySink();
    try (PgCapture capture = open(TABLE_SPEC)) {
      sql("insert into customer values (0, 'before', null)");
      assertEquals(Set.of(0L), keys(capture, sink, 1));
      String before = sink.cursor("feed-it", ChangeOrigin.SOURCE);
      int rows = PgCapture.SPILL * 2 + 500;
      sql("insert into customer select i, 'n', null from generate_series(1, " + rows + ") i");
      Set<Object> seen = new java.util.HashSet<>();
      List<String> cursors = new java.util.ArrayList<>();
      for (int i = 0; i < 80 && seen.size() < rows; i++) {
        capture.poll(Duration.ofMillis(250), rows, sink, () -> {});
        for (MemorySink.Stored stored : sink.stores) {
          assertTrue(stored.keys().size() <= PgCapture.SPILL, "one store holds one chunk");
          cursors.add(stored.cursor());
          stored.keys().forEach(k -> seen.add(k.key().parts().get(0)));
        }
        sink.stores.clear();
      }
      assertEquals(rows, seen.size());
      assertTrue(cursors.size() >= 3, cursors.toString());
      // Every chunk before the commit keeps a cursor at or before the transaction's start (the
      // last whole position read); only the store after its commit moves past it.
      long start = lsn(before);
      long last = lsn(cursors.get(cursors.size() - 1));
      for (String c : cursors.subList(0, cursors.size() - 1)) {
        assertTrue(lsn(c) >= start && lsn(c) < last, cursors.toString());
      }
      assertEquals(cursors.get(0), cursors.get(cursors.size() - 2), cursors.toString());
    }
  }

  @Test
  void aSourceNotSetUpIsRefusedInOneLineNamingTheFix() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    sql("drop publication feed_pub");
    ApplicationFailure missing = assertThrows(ApplicationFailure.class, () -> open(TABLE_SPEC));
    assertEquals("CAPTURE_SETUP", missing.getType());
    assertEquals(
        "publication feed_pub does not exist; recon never writes to the source, so a DBA creates"
            + " it: CREATE PUBLICATION feed_pub FOR TABLE public.customer;",
        missing.getOriginalMessage());
    sql(
        "create publication feed_pub for table customer",
        "create table orders (order_id int primary key, customer_id int)",
        "alter publication feed_pub add table orders");
    String spec = TABLE_SPEC + "  tables: [{table: orders, keys: 'select :customer_id as id'}]\n";
    spec =
        spec.replace(
            "feed: {publication: feed_pub, slot: feed_slot}\n",
            "feed:\n  publication: feed_pub\n  slot: feed_slot\n");
    String withTables = spec;
    ApplicationFailure identity = assertThrows(ApplicationFailure.class, () -> open(withTables));
    assertEquals(
        "feed.tables[0] orders: a delete (or an update of customer_id) would not carry the old"
            + " value of customer_id, as the replica identity is DEFAULT: the primary key"
            + " (order_id); run ALTER TABLE public.orders REPLICA IDENTITY FULL (or make"
            + " customer_id part of the primary key)",
        identity.getOriginalMessage());
    assertFalse(PgCapture.dropSlot(new PgCaptureSettings(url, "postgres", null), slot));
  }

  @Test
  void dropSlotDropsTheSlotTheCaptureCreated() throws Exception {
    database(SharedEngines.newPostgresDatabase());
    try (PgCapture capture = open(TABLE_SPEC)) {
      capture.poll(Duration.ofMillis(10), 10, new MemorySink(), () -> {});
    }
    assertTrue(confirmedLsn() != null);
    PgCaptureSettings settings = new PgCaptureSettings(url, "postgres", null);
    assertTrue(PgCapture.dropSlot(settings, slot));
    assertEquals(null, confirmedLsn());
    assertFalse(PgCapture.dropSlot(settings, slot));
  }
}
