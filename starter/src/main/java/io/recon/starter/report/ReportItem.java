package io.recon.starter.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One discrepancy of a report.
 *
 * @param id the discrepancy id that {@code recon approve --ids} takes
 * @param key the record key by source column name
 * @param fields the differing target paths (MISMATCH only)
 * @param diffs each differing field with its source and target values, escaped and cut for display
 *     ({@code Displays.shorten}); values are shown as the comparison saw them, after normalization
 */
@JsonPropertyOrder({
  "id",
  "key",
  "kind",
  "severity",
  "fields",
  "diffs",
  "status",
  "firstSeenAt",
  "lastSeenAt",
  "detail"
})
public record ReportItem(
    String id,
    JsonNode key,
    String kind,
    String severity,
    List<String> fields,
    List<Diff> diffs,
    String status,
    String firstSeenAt,
    String lastSeenAt,
    String detail) {
  public ReportItem {
    fields = fields == null ? List.of() : List.copyOf(fields);
    diffs = diffs == null ? List.of() : List.copyOf(diffs);
  }

  /** One differing field: its target path, and its source and target values for display. */
  @JsonPropertyOrder({"path", "source", "target"})
  public record Diff(String path, String source, String target) {
    /** {@code path: source -> target}, for one line of a table or a CSV cell. */
    public String describe() {
      return path + ": " + source + " -> " + target;
    }
  }
}
