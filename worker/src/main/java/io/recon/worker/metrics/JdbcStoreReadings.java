package io.recon.worker.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** {@link StoreReadings} over the recon store's tables. Every query is indexed by cycle or spec. */
final class JdbcStoreReadings implements StoreReadings {
  private static final String PERSISTENT_IN_RANGE =
      "select kind, severity, count(*) from recon.discrepancy"
          + " where cycle_id = ? and range_index = ? and status = 'PERSISTENT'"
          + " group by kind, severity";
  private static final String STARTED_AT = "select started_at from recon.cycle where cycle_id = ?";
  private static final String PENDING =
      "select count(*), min(updated_at), min(first_seen_at) from recon.discrepancy"
          + " where spec_name = ? and status = 'PENDING_APPROVAL'";
  // The last cycle that reached a verdict: finished and not failed, cancelled or abandoned (such a
  // cycle's discrepancy set is partial). Older cycles' rows keep their status forever, so only this
  // cycle says what
  // is still drift; a key seen again keeps its first_seen_at across cycles.
  private static final String LAST_VERDICT =
      "select cycle_id, compared, missing + orphan + mismatch from recon.cycle"
          + " where spec_name = ? and finished_at is not null"
          + " and status not in ('FAILED', 'CANCELLED', 'ABANDONED')"
          + " order by finished_at desc limit 1";
  // Still drift: not repaired, not decided against by a human (REJECTED), not report-only
  // (REPORTED), and not an in-flight write (DETECTED, TRANSIENT).
  private static final String OLDEST_UNRESOLVED =
      "select min(first_seen_at) from recon.discrepancy where cycle_id = ? and status in"
          + " ('PERSISTENT', 'PENDING_APPROVAL', 'APPROVED', 'EXPIRED',"
          + " 'SKIPPED_CONCURRENT_CHANGE', 'FAILED', 'UNRESOLVED')";
  private static final String SUCCESS =
      "select max(finished_at) filter (where status = 'COMPLETED'), min(started_at)"
          + " from recon.cycle where spec_name = ?";
  private static final String SPEC_NAMES = "select distinct spec_name from recon.cycle";

  private final DataSource store;
  private final RemediationTimes remediation;

  JdbcStoreReadings(DataSource store) {
    this.store = store;
    this.remediation = new RemediationTimes(store);
  }

  @Override
  public List<KindSeverityCount> persistentInRange(String cycleId, int rangeIndex) {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(PERSISTENT_IN_RANGE)) {
      s.setString(1, cycleId);
      s.setInt(2, rangeIndex);
      List<KindSeverityCount> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new KindSeverityCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the range's discrepancies", e);
    }
  }

  @Override
  public Optional<Instant> cycleStartedAt(String cycleId) {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(STARTED_AT)) {
      s.setString(1, cycleId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.ofNullable(instant(rs.getTimestamp(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cycle's start", e);
    }
  }

  @Override
  public List<Duration> remediationTimes(String cycleId, Instant now) {
    try {
      return remediation.of(cycleId, now);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cycle's remediation times", e);
    }
  }

  @Override
  public SpecSnapshot snapshot(String spec) {
    try (Connection c = store.getConnection()) {
      long pending;
      Instant oldestPending;
      Instant pendingFirstSeen;
      try (PreparedStatement s = c.prepareStatement(PENDING)) {
        s.setString(1, spec);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          pending = rs.getLong(1);
          oldestPending = instant(rs.getTimestamp(2));
          pendingFirstSeen = instant(rs.getTimestamp(3));
        }
      }
      Instant oldestUnresolved = null;
      double ratio = 0;
      try (PreparedStatement s = c.prepareStatement(LAST_VERDICT)) {
        s.setString(1, spec);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            long compared = rs.getLong(2);
            ratio = compared == 0 ? 0 : (double) rs.getLong(3) / compared;
            oldestUnresolved = oldestUnresolved(c, rs.getString(1));
          }
        }
      }
      if (pendingFirstSeen != null
          && (oldestUnresolved == null || pendingFirstSeen.isBefore(oldestUnresolved))) {
        // A cycle waiting for approval has not finished, so LAST_VERDICT does not see it yet;
        // its held discrepancies are unresolved all the same.
        oldestUnresolved = pendingFirstSeen;
      }
      Instant lastSuccess;
      try (PreparedStatement s = c.prepareStatement(SUCCESS)) {
        s.setString(1, spec);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          Instant success = instant(rs.getTimestamp(1));
          lastSuccess = success != null ? success : instant(rs.getTimestamp(2));
        }
      }
      return new SpecSnapshot(pending, oldestPending, oldestUnresolved, lastSuccess, ratio);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the gauges of spec " + spec, e);
    }
  }

  @Override
  public Set<String> specNames() {
    try (Connection c = store.getConnection();
        PreparedStatement s = c.prepareStatement(SPEC_NAMES);
        ResultSet rs = s.executeQuery()) {
      Set<String> names = new TreeSet<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the store's specs", e);
    }
  }

  private static Instant oldestUnresolved(Connection c, String cycleId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OLDEST_UNRESOLVED)) {
      s.setString(1, cycleId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return instant(rs.getTimestamp(1));
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
