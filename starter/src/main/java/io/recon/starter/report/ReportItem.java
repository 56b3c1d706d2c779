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
 */
@JsonPropertyOrder({
  "id",
  "key",
  "kind",
  "severity",
  "fields",
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
    String status,
    String firstSeenAt,
    String lastSeenAt,
    String detail) {}
