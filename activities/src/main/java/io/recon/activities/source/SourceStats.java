package io.recon.activities.source;

import io.recon.activities.support.Failures;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What planning needs of the source: its clock, its row count, and evenly spaced keys. */
public final class SourceStats {
  private final DataSource source;
  private final SourceQuery query;
  private final List<KeyType> keyTypes;

  public SourceStats(DataSource source, JobSpec spec, List<KeyType> keyTypes) {
    this.source = source;
    this.query = new SourceQuery(spec.source(), spec.fields(), keyTypes);
    this.keyTypes = List.copyOf(keyTypes);
  }

  /** The source's clock: the watermark a cycle planned now may move the job to. */
  public Instant now() {
    try (Connection c = ReadOnlySource.open(source);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select now()")) {
      rs.next();
      Instant now = rs.getObject(1, OffsetDateTime.class).toInstant();
      c.commit();
      return now;
    } catch (SQLException e) {
      throw Failures.classify("reading the source's clock", e);
    }
  }

  /** Rows in the source, or rows changed at or after {@code since}. */
  public long count(Instant since) {
    try (Connection c = ReadOnlySource.open(source);
        PreparedStatement ps = c.prepareStatement(query.count(since != null))) {
      if (since != null) {
        ps.setObject(1, since.atOffset(ZoneOffset.UTC));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        c.commit();
        return n;
      }
    } catch (SQLException e) {
      throw Failures.classify("counting the source", e);
    }
  }

  /**
   * The keys of rows {@code step+1, 2*step+1, ...} in key order: the lower bounds of every range
   * but the first. The database numbers the rows; only the boundaries travel.
   */
  public List<RecordKey> boundaries(Instant since, long step) {
    try (Connection c = ReadOnlySource.open(source)) {
      try (PreparedStatement ps = c.prepareStatement(query.boundaries(since != null))) {
        ps.setFetchSize(1_000);
        int i = 1;
        if (since != null) {
          ps.setObject(i++, since.atOffset(ZoneOffset.UTC));
        }
        ps.setLong(i, step);
        var keys = new ArrayList<RecordKey>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            var parts = new ArrayList<>();
            for (int k = 1; k <= keyTypes.size(); k++) {
              parts.add(rs.getObject(k));
            }
            keys.add(RecordKey.fromJdbc(keyTypes, parts));
          }
        }
        c.commit();
        return keys;
      }
    } catch (SQLException e) {
      throw Failures.classify("planning ranges over the source", e);
    }
  }
}
