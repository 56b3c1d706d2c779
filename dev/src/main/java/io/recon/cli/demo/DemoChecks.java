package io.recon.cli.demo;

import io.recon.core.compare.DiscrepancyKind;
import io.recon.workflows.cycle.DiscrepancyStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the demo must prove, read back from the recon store: every planted divergence found with its
 * kind, nothing else flagged, the in-flight writes transient, every repair verified.
 */
public final class DemoChecks {
  private static final Pattern ID = Pattern.compile("\\{\"id\":(-?\\d+)}");

  private DemoChecks() {}

  record Row(long id, DiscrepancyKind kind, DiscrepancyStatus status) {}

  public static List<String> failures(DataSource store, String cycleId) throws SQLException {
    Map<Long, Row> persistent = new HashMap<>();
    Set<Long> transients = new TreeSet<>();
    try (Connection c = store.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select key_json, kind, status from recon.discrepancy where cycle_id = ?")) {
      ps.setString(1, cycleId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = ID.matcher(rs.getString(1));
          if (!m.matches()) {
            continue;
          }
          Row row =
              new Row(
                  Long.parseLong(m.group(1)),
                  DiscrepancyKind.valueOf(rs.getString(2)),
                  DiscrepancyStatus.valueOf(rs.getString(3)));
          if (row.status() == DiscrepancyStatus.TRANSIENT) {
            transients.add(row.id());
          } else {
            persistent.put(row.id(), row);
          }
        }
      }
    }
    List<String> failures = new ArrayList<>();
    expectKind(failures, persistent, DemoDataset.mismatches(), DiscrepancyKind.MISMATCH);
    expectKind(failures, persistent, DemoDataset.MISSING, DiscrepancyKind.MISSING);
    expectKind(failures, persistent, DemoDataset.ORPHAN, DiscrepancyKind.ORPHAN);
    Set<Long> expected = new TreeSet<>(DemoDataset.mismatches());
    expected.addAll(DemoDataset.MISSING);
    expected.addAll(DemoDataset.ORPHAN);
    Set<Long> unexpected = new TreeSet<>(persistent.keySet());
    unexpected.removeAll(expected);
    if (!unexpected.isEmpty()) {
      failures.add("flagged records that were equal after normalization: " + unexpected);
    }
    if (!transients.equals(DemoDataset.IN_FLIGHT)) {
      failures.add(
          "in-flight writes should be transient "
              + DemoDataset.IN_FLIGHT
              + " but were "
              + transients);
    }
    for (Row r : persistent.values()) {
      DiscrepancyStatus want =
          r.kind() == DiscrepancyKind.ORPHAN
              ? DiscrepancyStatus.REPORTED
              : DiscrepancyStatus.REPAIRED;
      if (expected.contains(r.id()) && r.status() != want) {
        failures.add(
            "record " + r.id() + " (" + r.kind() + ") ended " + r.status() + ", not " + want);
      }
    }
    return failures;
  }

  private static void expectKind(
      List<String> failures, Map<Long, Row> found, Set<Long> ids, DiscrepancyKind kind) {
    Set<Long> missed = new TreeSet<>();
    for (long id : ids) {
      Row r = found.get(id);
      if (r == null || r.kind() != kind) {
        missed.add(id);
      }
    }
    if (!missed.isEmpty()) {
      failures.add("planted " + kind + " not found: " + missed);
    }
  }
}
