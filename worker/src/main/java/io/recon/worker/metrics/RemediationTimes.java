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
import javax.sql.DataSource;

/**
 * Reads how long each remediation of a cycle took, for {@code recon_time_to_remediation_seconds}.
 * The repair activities record a per-repair {@code recon.repair.remediation_millis} from a
 * migration after V2; until the store has that column, the time is taken from the discrepancy's
 * {@code first_seen_at} (which carries over from earlier cycles of the same key) to now, for the
 * cycle's REPAIRED discrepancies, which Verify has just confirmed. This class is the only place
 * that knows which; once every store has the column, the fallback can go.
 */
final class RemediationTimes {
  static final String FROM_REPAIRS =
      "select remediation_millis from recon.repair"
          + " where cycle_id = ? and remediation_millis is not null";
  static final String FROM_DISCREPANCIES =
      "select first_seen_at from recon.discrepancy where cycle_id = ? and status = 'REPAIRED'";
  private static final String HAS_COLUMN =
      "select 1 from information_schema.columns where table_schema = 'recon'"
          + " and table_name = 'repair' and column_name = 'remediation_millis'";

  private final DataSource store;

  RemediationTimes(DataSource store) {
    this.store = store;
  }

  List<Duration> of(String cycleId, Instant now) throws SQLException {
    try (Connection c = store.getConnection()) {
      // Checked each time rather than cached: a rolling deploy may migrate the store under a
      // running worker, and Verify runs once per cycle, so the extra query costs nothing.
      boolean perRepair;
      try (PreparedStatement s = c.prepareStatement(HAS_COLUMN);
          ResultSet rs = s.executeQuery()) {
        perRepair = rs.next();
      }
      List<Duration> out = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(perRepair ? FROM_REPAIRS : FROM_DISCREPANCIES)) {
        s.setString(1, cycleId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            if (perRepair) {
              out.add(Duration.ofMillis(Math.max(0, rs.getLong(1))));
            } else {
              Timestamp firstSeen = rs.getTimestamp(1);
              out.add(maxZero(Duration.between(firstSeen.toInstant(), now)));
            }
          }
        }
      }
      return out;
    }
  }

  private static Duration maxZero(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
