package io.recon.activities.feed.pg;

import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.activities.source.ReadOnlySource;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.support.Failures;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.failure.FailureType;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Reads a job's source changes from its PostgreSQL logical replication slot ({@code pgoutput},
 * protocol version 1, decoded by {@link PgOutput}) and hands the job keys they touch to a {@link
 * KeySink}.
 *
 * <p><b>What is confirmed.</b> Keys go to the sink at transaction boundaries, with the end LSN of
 * the last whole transaction as the cursor; only after {@link KeySink#store} returned does the
 * capture confirm that LSN to the slot (flushed and applied), so the slot never moves past a
 * transaction whose keys are not stored. A capture closed or killed before that confirms nothing:
 * the server sends those transactions again, and storing a key that already waits adds nothing.
 * While nothing is pending, the server's keepalive position is confirmed as PostgreSQL's own
 * subscriber does, so an idle slot does not hold WAL that other databases write.
 *
 * <p><b>Bounded memory.</b> One poll holds at most the keys of the transactions read since the last
 * store, and a transaction's lookups run in chunks of {@link KeyLookup#CHUNK} rows. A transaction
 * whose keys exceed {@link #SPILL} spills them to the sink in chunks as it is read, with the cursor
 * left at the last whole transaction (its keys are stored early, which is harmless: they are
 * committed changes); the transaction is confirmed once its commit is read and stored.
 *
 * <p>One instance serves one activity attempt; it is not thread-safe.
 */
public final class PgCapture implements Capture {
  /** Keys of one transaction held before they are spilled to the sink. */
  static final int SPILL = 10_000;

  private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /**
   * How long stored-ready keys may wait while the stream is quiet: one store per burst of small
   * transactions instead of one per transaction, at a latency far under the feed's window.
   */
  private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final String feed;
  private final String slot;
  private final DataSource source;
  private final Connection replication;
  private final PGReplicationStream stream;
  private final ChangeKeys changeKeys;
  private final Map<RecordKey, ChangedKey> pending = new LinkedHashMap<>();
  private final Map<RecordKey, ChangedKey> current = new LinkedHashMap<>();
  private boolean inTransaction;
  private Instant commitTime;
  private long lastComplete;
  private long confirmed;
  private long skipThrough = -1;
  private boolean cursorRead;
  private long pendingSince;

  private PgCapture(
      JobSpec spec,
      DataSource source,
      Connection replication,
      PGReplicationStream stream,
      ChangeKeys changeKeys,
      long confirmed) {
    this.feed = spec.name();
    this.slot = spec.feedSettings().slotName(spec.name());
    this.source = source;
    this.replication = replication;
    this.stream = stream;
    this.changeKeys = changeKeys;
    this.confirmed = confirmed;
    this.lastComplete = confirmed;
  }

  /**
   * Checks the source ({@link CaptureSetup}), creates the job's slot if it does not exist (a
   * replication command, not a write to any table; {@code recon feed stop --drop-slot} drops it)
   * and starts streaming from the slot's confirmed position. The publication is never created:
   * recon does not write to the source.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable CAPTURE_SETUP naming the setting
   *     (wal_level, publication, replica identity, slot), BAD_SPEC, UNAUTHORIZED (no REPLICATION
   *     attribute, or pg_hba refuses); retryable when the source cannot be reached or the slot is
   *     still held by a previous, dying, attempt
   */
  public static PgCapture open(
      PgCaptureSettings settings, DataSource readOnlySource, JobSpec spec) {
    String slot = spec.feedSettings().slotName(spec.name());
    List<KeyType> keyTypes = SourceProbe.keyTypes(readOnlySource, spec, false);
    CaptureSetup setup;
    try (Connection c = ReadOnlySource.open(readOnlySource)) {
      setup = CaptureSetup.inspect(c, spec);
      c.commit();
    } catch (SQLException e) {
      throw Failures.classify("checking the source for feed " + spec.name(), e);
    }
    if (!setup.problems().isEmpty()) {
      int more = setup.problems().size() - 1;
      throw Failures.permanent(
          FailureType.CAPTURE_SETUP,
          setup.problems().get(0)
              + (more == 0
                  ? ""
                  : " (and " + more + " more; run recon spec check --connect to see them)"));
    }
    ChangeKeys changeKeys;
    try {
      changeKeys = new ChangeKeys(setup, spec.source().key(), keyTypes, readOnlySource);
    } catch (IllegalArgumentException e) {
      throw Failures.permanent(FailureType.BAD_SPEC, e.getMessage());
    }
    Connection replication = ReplicationConnections.open(settings);
    try {
      PGConnection pg = replication.unwrap(PGConnection.class);
      if (!setup.slotExists()) {
        ReplicationConnections.createSlot(pg, slot);
      }
      long confirmed = confirmedLsn(readOnlySource, slot);
      PGReplicationStream stream =
          pg.getReplicationAPI()
              .replicationStream()
              .logical()
              .withSlotName(slot)
              .withStartPosition(LogSequenceNumber.valueOf(confirmed))
              .withSlotOption("proto_version", "1")
              .withSlotOption("publication_names", spec.feedSettings().publicationName(spec.name()))
              .withStatusInterval(1, TimeUnit.SECONDS)
              .start();
      return new PgCapture(spec, readOnlySource, replication, stream, changeKeys, confirmed);
    } catch (SQLException | RuntimeException e) {
      ReplicationConnections.closeQuietly(replication);
      throw ReplicationConnections.classify("streaming replication slot " + slot, e);
    }
  }

  /**
   * Opens and closes a replication connection: the login has the REPLICATION attribute and {@code
   * pg_hba.conf} lets it connect for replication.
   *
   * @throws io.temporal.failure.ApplicationFailure naming what refused it
   */
  public static void checkLogin(PgCaptureSettings settings) {
    ReplicationConnections.closeQuietly(ReplicationConnections.open(settings));
  }

  /**
   * Drops the job's slot, for {@code recon feed stop --drop-slot}; false if there was none.
   *
   * @throws io.temporal.failure.ApplicationFailure retryable while a capture still streams from it
   */
  public static boolean dropSlot(PgCaptureSettings settings, String slot) {
    return ReplicationConnections.dropSlot(settings, slot);
  }

  /**
   * Reads changes until {@code maxWait} has passed or {@code maxKeys} keys were stored, calling
   * {@code heartbeat} at least once a second (and once at the start), and stores them in {@code
   * sink} as described above. A transaction still being read when the poll ends stays buffered for
   * the next poll; a lost connection is a retryable failure, after which the caller opens a new
   * capture, which starts again from the confirmed position.
   */
  @Override
  public CaptureResult poll(Duration maxWait, int maxKeys, KeySink sink, Runnable heartbeat) {
    long start = System.nanoTime();
    long deadline = start + maxWait.toNanos();
    long lastBeat = start;
    heartbeat.run();
    long changes = 0;
    long stored = 0;
    long truncates = 0;
    Instant newest = null;
    try {
      if (!cursorRead) {
        cursorRead = true;
        resumeFrom(sink.cursor(feed, ChangeOrigin.SOURCE));
      }
      while (stored < maxKeys) {
        long now = System.nanoTime();
        if (now - lastBeat >= HEARTBEAT_NANOS) {
          heartbeat.run();
          lastBeat = now;
        }
        if (now >= deadline) {
          break;
        }
        ByteBuffer buffer = stream.readPending();
        if (buffer == null) {
          if (!pending.isEmpty() && now - pendingSince >= FLUSH_NANOS) {
            stored += flush(sink);
          }
          confirmIdle();
          LockSupport.parkNanos(Math.min(deadline - now, TimeUnit.MILLISECONDS.toNanos(10)));
          continue;
        }
        PgMessage m = PgOutput.decode(buffer);
        if (m instanceof PgMessage.Begin b) {
          inTransaction = true;
          commitTime = b.commitTime();
        } else if (m instanceof PgMessage.Relation r) {
          changeKeys.relation(r);
        } else if (m instanceof PgMessage.Insert i) {
          changes += change(i.relation(), null, i.newRow());
        } else if (m instanceof PgMessage.Update u) {
          changes += change(u.relation(), u.oldRow(), u.newRow());
        } else if (m instanceof PgMessage.Delete d) {
          changes += change(d.relation(), d.oldRow(), null);
        } else if (m instanceof PgMessage.Truncate t) {
          truncates += t.relations().stream().filter(changeKeys::captures).count();
        } else if (m instanceof PgMessage.Commit c) {
          changeKeys.resolve(this::add);
          inTransaction = false;
          newest = c.commitTime();
          if (c.endLsn() <= skipThrough) {
            // Stored by an earlier attempt that died before it confirmed: nothing to add.
            current.clear();
          } else {
            if (pending.isEmpty() && !current.isEmpty()) {
              pendingSince = System.nanoTime();
            }
            current.forEach(pending::putIfAbsent);
            current.clear();
          }
          lastComplete = Math.max(lastComplete, c.endLsn());
          if (pending.size() >= Math.min(maxKeys, SPILL)) {
            stored += flush(sink);
          }
        }
        if (current.size() >= SPILL) {
          stored += spill(sink);
        }
        if (changeKeys.pending() >= KeyLookup.CHUNK) {
          changeKeys.resolve(this::add);
        }
      }
      stored += flush(sink);
      return result(changes, stored, truncates, newest);
    } catch (SQLException e) {
      throw ReplicationConnections.classify("reading replication slot " + slot, e);
    } catch (PgOutputException e) {
      throw Failures.permanent(
          FailureType.UNEXPECTED, "reading replication slot " + slot + ": " + e.getMessage());
    }
  }

  private long change(int relation, Tuple oldRow, Tuple newRow) {
    return changeKeys.change(relation, oldRow, newRow, this::add) ? 1 : 0;
  }

  private void add(RecordKey key) {
    current.putIfAbsent(key, new ChangedKey(key, ChangeOrigin.SOURCE, commitTime));
  }

  /** The sink's cursor is ahead of the slot when an attempt stored and died before confirming. */
  private void resumeFrom(String cursor) throws SQLException {
    if (cursor == null) {
      return;
    }
    long stored;
    try {
      stored = LogSequenceNumber.valueOf(cursor).asLong();
    } catch (RuntimeException e) {
      return;
    }
    if (stored > confirmed) {
      skipThrough = stored;
      lastComplete = Math.max(lastComplete, stored);
      confirm(stored);
    }
  }

  /** Stores the keys of the whole transactions read, then confirms the last one. */
  private long flush(KeySink sink) throws SQLException {
    long n = pending.size();
    if (n > 0) {
      sink.store(feed, ChangeOrigin.SOURCE, new ArrayList<>(pending.values()), lsn(lastComplete));
      pending.clear();
    }
    if (lastComplete > confirmed) {
      confirm(lastComplete);
    }
    return n;
  }

  /** Stores a huge transaction's keys so far, without moving the cursor past its start. */
  private long spill(KeySink sink) throws SQLException {
    long n = flush(sink) + current.size();
    if (!current.isEmpty()) {
      sink.store(feed, ChangeOrigin.SOURCE, new ArrayList<>(current.values()), lsn(lastComplete));
      current.clear();
    }
    return n;
  }

  private void confirmIdle() throws SQLException {
    if (inTransaction || !pending.isEmpty() || !current.isEmpty()) {
      return;
    }
    long received = stream.getLastReceiveLSN().asLong();
    if (received > confirmed) {
      lastComplete = Math.max(lastComplete, received);
      confirm(received);
    }
  }

  private void confirm(long lsn) throws SQLException {
    LogSequenceNumber l = LogSequenceNumber.valueOf(lsn);
    stream.setFlushedLSN(l);
    stream.setAppliedLSN(l);
    stream.forceUpdateStatus();
    confirmed = lsn;
  }

  private CaptureResult result(long changes, long stored, long truncates, Instant newest) {
    long lagBytes = -1;
    long retained = -1;
    try (Connection c = ReadOnlySource.open(source);
        PreparedStatement ps =
            c.prepareStatement(
                "select pg_current_wal_lsn()::text, pg_wal_lsn_diff(pg_current_wal_lsn(),"
                    + " restart_lsn)::bigint from pg_replication_slots where slot_name = ?")) {
      ps.setString(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          lagBytes = Math.max(0, LogSequenceNumber.valueOf(rs.getString(1)).asLong() - confirmed);
          retained = rs.getLong(2);
        }
      }
      c.commit();
    } catch (SQLException e) {
      // The figures are for metrics; a poll that stored its keys does not fail for want of them.
    }
    long lagMillis =
        newest == null ? -1 : Math.max(0, Duration.between(newest, Instant.now()).toMillis());
    return new CaptureResult(
        changes, stored, lsn(confirmed), lagBytes, lagMillis, retained, null, truncates, 0);
  }

  private static long confirmedLsn(DataSource source, String slot) throws SQLException {
    try (Connection c = ReadOnlySource.open(source);
        PreparedStatement ps =
            c.prepareStatement(
                "select confirmed_flush_lsn::text from pg_replication_slots where slot_name = ?")) {
      ps.setString(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        long lsn =
            rs.next() && rs.getString(1) != null
                ? LogSequenceNumber.valueOf(rs.getString(1)).asLong()
                : 0;
        c.commit();
        return lsn;
      }
    }
  }

  static String lsn(long lsn) {
    return LogSequenceNumber.valueOf(lsn).asString();
  }

  /** Closes the stream without confirming anything more. */
  @Override
  public void close() {
    try {
      stream.close();
    } catch (SQLException | RuntimeException e) {
      // The connection is closed below either way; unconfirmed changes are sent again.
    }
    ReplicationConnections.closeQuietly(replication);
  }
}
