package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One discrepancy held for a decision, as a reviewer needs to see it before approving it.
 *
 * @param id the discrepancy id that {@code decide} and the signals take in {@code ids}
 * @param key the record key by source column name
 * @param kind {@code missing}, {@code orphan}, {@code mismatch}, {@code duplicate_key} or {@code
 *     invalid_key}
 * @param severity {@code low}, {@code medium} or {@code high}
 * @param fields the differing target paths (mismatches only)
 * @param diffs each differing field with its source and target values, escaped and cut for display
 *     to at most 80 characters, as {@code recon report} shows them
 */
@JsonPropertyOrder({"id", "key", "kind", "severity", "fields", "diffs"})
public record PendingItem(
    String id,
    Map<String, Object> key,
    String kind,
    String severity,
    List<String> fields,
    List<Diff> diffs) {
  public PendingItem {
    if (id == null || id.isBlank() || kind == null || severity == null) {
      throw new IllegalArgumentException("PendingItem.id, kind and severity are required");
    }
    key =
        key == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(key));
    fields = fields == null ? List.of() : List.copyOf(fields);
    diffs = diffs == null ? List.of() : List.copyOf(diffs);
  }

  /** About how many characters this item takes in JSON: its text and a fixed overhead. */
  long chars() {
    long n = 96 + id.length() + kind.length() + severity.length();
    for (Map.Entry<String, Object> e : key.entrySet()) {
      n += 8 + e.getKey().length() + String.valueOf(e.getValue()).length();
    }
    for (String f : fields) {
      n += 4 + f.length();
    }
    for (Diff d : diffs) {
      n += 40 + d.path().length() + d.source().length() + d.target().length();
    }
    return n;
  }

  /** One differing field: its target path, and its source and target values for display. */
  @JsonPropertyOrder({"path", "source", "target"})
  public record Diff(String path, String source, String target) {
    public Diff {
      path = String.valueOf(path);
      source = String.valueOf(source);
      target = String.valueOf(target);
    }
  }
}
