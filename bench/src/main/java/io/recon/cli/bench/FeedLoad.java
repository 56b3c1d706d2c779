package io.recon.cli.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.bson.Document;

/**
 * A steady write load on the bench's source table, as an application and its sync pipeline would
 * make it: each transaction inserts, updates and deletes rows, and the pipeline then writes the
 * same changes to the copy, except for a planted share of them, which never reach it. A planted
 * insert leaves a missing document, a planted update a stale one, a planted delete an orphan.
 *
 * <p>A key is planted at most once and never written again, so what the feed must find is exactly
 * the planted set. Rows are those of {@link BenchData}: row {@code g} has key {@code 2g}; inserts
 * take rows after the seeded ones.
 */
final class FeedLoad {
  /** What a planted write left behind in the copy, as the cycle will name it. */
  enum Planted {
    MISSING,
    MISMATCH,
    ORPHAN
  }

  /** One planted write: its key, what it left, and when its source transaction committed. */
  record Plant(long key, Planted kind, Instant committedAt) {}

  /** What the load did. */
  record Figures(
      long transactions,
      long inserts,
      long updates,
      long deletes,
      long planted,
      double seconds,
      double changesPerSecond,
      long behindMillis) {}

  private final DataSource source;
  private final MongoCollection<Document> target;
  private final int changesPerSecond;
  private final int changesPerTransaction;
  private final double plantedShare;
  private final SplittableRandom random = new SplittableRandom(20261201L);
  private final Map<Long, Plant> plants = new ConcurrentHashMap<>();
  // Rows (g) that exist on the source and were never planted: candidates for updates and deletes.
  private long[] live;
  private int liveCount;
  private long nextRow;

  FeedLoad(
      DataSource source,
      MongoCollection<Document> target,
      long seededRows,
      int changesPerSecond,
      double plantedShare,
      int changesPerTransaction) {
    this.changesPerTransaction = changesPerTransaction;
    this.source = source;
    this.target = target;
    this.changesPerSecond = changesPerSecond;
    this.plantedShare = plantedShare;
    this.live = new long[Math.toIntExact(seededRows + 1024)];
    for (long g = 1; g <= seededRows; g++) {
      live[liveCount++] = g;
    }
    this.nextRow = seededRows + 1;
  }

  /** The planted writes so far, by key. */
  Map<Long, Plant> plants() {
    return plants;
  }

  /**
   * Writes at the configured rate for {@code duration}, in transactions of a fiftieth of a second's
   * changes each, and returns what it did. {@code keepGoing} is asked before each transaction.
   */
  Figures run(Duration duration, BooleanSupplier keepGoing) throws SQLException {
    int perTransaction = Math.max(1, Math.min(changesPerTransaction, changesPerSecond));
    long periodNanos = 1_000_000_000L * perTransaction / changesPerSecond;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long next = start;
    long transactions = 0;
    long[] ops = new long[3];
    long planted = 0;
    long behind = 0;
    Session session = null;
    try (Mirror mirror = new Mirror(target)) {
      while (System.nanoTime() < end && keepGoing.getAsBoolean()) {
        if (session == null || reconnect) {
          // First, or after the bench restarted PostgreSQL: the old session is gone.
          reconnect = false;
          if (session != null) {
            session.close();
          }
          session = new Session(source.getConnection());
        }
        PreparedStatement insert = session.insert;
        PreparedStatement update = session.update;
        PreparedStatement delete = session.delete;
        Connection c = session.connection;
        long now = System.nanoTime();
        if (now < next) {
          sleepNanos(next - now);
        } else {
          behind = Math.max(behind, (now - next) / 1_000_000);
        }
        next += periodNanos;
        var mirrored = new ArrayList<WriteModel<Document>>(perTransaction);
        var plantedHere = new ArrayList<Plant>();
        var touched = new HashSet<Long>();
        for (int i = 0; i < perTransaction; i++) {
          int op = liveCount == 0 ? 0 : pickOp();
          boolean plant = random.nextDouble() < plantedShare;
          long g = op == 0 ? insertRow() : takeLive(op == 2 || plant);
          if (!touched.add(g)) {
            continue;
          }
          long key = 2 * g;
          switch (op) {
            case 0 -> {
              for (int p = 1; p <= 7; p++) {
                insert.setLong(p, g);
              }
              insert.addBatch();
              ops[0]++;
              if (!plant) {
                mirrored.add(new InsertOneModel<>(BenchData.document(g, Divergence.NONE)));
                addLive(g);
              }
              if (plant) {
                plantedHere.add(new Plant(key, Planted.MISSING, null));
              }
            }
            case 1 -> {
              String name = "name-" + key + "-u" + transactions;
              update.setString(1, name);
              update.setLong(2, key);
              update.addBatch();
              ops[1]++;
              if (plant) {
                plantedHere.add(new Plant(key, Planted.MISMATCH, null));
              } else {
                mirrored.add(
                    new UpdateOneModel<>(Filters.eq("_id", key), Updates.set("name", name)));
              }
            }
            default -> {
              delete.setLong(1, key);
              delete.addBatch();
              ops[2]++;
              if (plant) {
                plantedHere.add(new Plant(key, Planted.ORPHAN, null));
              } else {
                mirrored.add(new DeleteOneModel<>(Filters.eq("_id", key)));
              }
            }
          }
        }
        insert.executeBatch();
        update.executeBatch();
        delete.executeBatch();
        c.commit();
        Instant committed = Instant.now();
        for (Plant p : plantedHere) {
          plants.put(p.key(), new Plant(p.key(), p.kind(), committed));
        }
        planted += plantedHere.size();
        if (!mirrored.isEmpty()) {
          mirror.write(mirrored);
        }
        transactions++;
      }
    } finally {
      if (session != null) {
        session.close();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long changes = ops[0] + ops[1] + ops[2];
    return new Figures(
        transactions,
        ops[0],
        ops[1],
        ops[2],
        planted,
        Math.round(seconds * 10) / 10.0,
        Math.round(changes / seconds),
        behind);
  }

  private volatile boolean reconnect;

  /**
   * Makes the next transaction open a new session: the bench restarted PostgreSQL between two
   * transactions, so none was in flight and none is lost or doubled.
   */
  void reconnect() {
    reconnect = true;
  }

  /** The load's connection and its statements. */
  private static final class Session {
    final Connection connection;
    final PreparedStatement insert;
    final PreparedStatement update;
    final PreparedStatement delete;

    Session(Connection connection) throws SQLException {
      this.connection = connection;
      connection.setAutoCommit(false);
      insert =
          connection.prepareStatement(
              "insert into "
                  + BenchSpec.TABLE
                  + " values (2 * ?, 'name-' || (2 * ?), (? % 100000) * 0.01, "
                  + BenchData.EPOCH_SQL
                  + " + ? * interval '37 milliseconds', ? % 3 = 0,"
                  + " jsonb_build_array('t' || (? % 7), ? % 5), now())");
      update =
          connection.prepareStatement(
              "update " + BenchSpec.TABLE + " set name = ?, updated_at = now() where id = ?");
      delete = connection.prepareStatement("delete from " + BenchSpec.TABLE + " where id = ?");
    }

    void close() {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // A session the server cut: nothing to close.
      }
    }
  }

  /**
   * The sync pipeline's side: one thread writes each committed transaction's changes to the copy,
   * in commit order, while the next source transaction runs, as a pipeline that tails the source
   * would. At most {@link #IN_FLIGHT} transactions wait for it, so the copy trails the source by a
   * fraction of a second, well inside the settle delay. A write that fails fails the load.
   */
  private static final class Mirror implements AutoCloseable {
    static final int IN_FLIGHT = 8;
    private static final List<WriteModel<Document>> END = List.of();
    private final java.util.concurrent.BlockingQueue<List<WriteModel<Document>>> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(IN_FLIGHT);
    private final Thread thread;
    private volatile RuntimeException failure;

    Mirror(MongoCollection<Document> target) {
      thread =
          new Thread(
              () -> {
                try {
                  while (true) {
                    List<WriteModel<Document>> writes = queue.take();
                    if (writes == END) {
                      return;
                    }
                    target.bulkWrite(writes, new BulkWriteOptions().ordered(true));
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failure = e;
                  queue.clear();
                }
              },
              "feed-bench-mirror");
      thread.setDaemon(true);
      thread.start();
    }

    void write(List<WriteModel<Document>> writes) {
      check();
      try {
        while (!queue.offer(writes, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          check();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while mirroring to the copy", e);
      }
    }

    private void check() {
      if (failure != null) {
        throw new IllegalStateException("the copy's writes failed: " + failure.getMessage());
      }
      if (!thread.isAlive()) {
        throw new IllegalStateException("the copy's writer stopped");
      }
    }

    /** Waits until every queued write reached the copy. */
    @Override
    public void close() {
      try {
        while (thread.isAlive()
            && !queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          // The writer is still behind: wait for room, unless it stopped meanwhile.
        }
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw new IllegalStateException("the copy's writes failed: " + failure.getMessage());
      }
    }
  }

  /** 40% updates, 30% inserts, 30% deletes: 0 insert, 1 update, 2 delete. */
  private int pickOp() {
    int r = random.nextInt(10);
    return r < 3 ? 0 : r < 7 ? 1 : 2;
  }

  private long insertRow() {
    return nextRow++;
  }

  /** A random live row; removed from the candidates when it is deleted or planted. */
  private long takeLive(boolean remove) {
    int i = random.nextInt(liveCount);
    long g = live[i];
    if (remove) {
      live[i] = live[--liveCount];
    }
    return g;
  }

  private void addLive(long g) {
    if (liveCount == live.length) {
      live = java.util.Arrays.copyOf(live, live.length * 2);
    }
    live[liveCount++] = g;
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The planted keys as a list, for queries. */
  List<Long> plantedKeys() {
    return new ArrayList<>(plants.keySet());
  }
}
