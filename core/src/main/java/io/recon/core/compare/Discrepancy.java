package io.recon.core.compare;

import io.recon.core.canonical.FieldDiff;
import io.recon.core.spec.Severity;
import java.util.List;

/**
 * One disagreement found by {@link MergeJoin}. A discrepancy is data, never an exception.
 *
 * @param fields the differing fields; empty unless {@code MISMATCH}
 * @param sourceHash the source record hash; null for {@code ORPHAN}
 * @param targetHash the target record hash; null for {@code MISSING}
 */
public record Discrepancy(
    RecordKey key,
    DiscrepancyKind kind,
    Severity severity,
    List<FieldDiff> fields,
    String sourceHash,
    String targetHash) {
  public Discrepancy {
    if (key == null || kind == null || severity == null) {
      throw new IllegalArgumentException("Discrepancy.key, kind and severity are required");
    }
    fields = fields == null ? List.of() : List.copyOf(fields);
    if ((kind == DiscrepancyKind.MISMATCH) == fields.isEmpty()) {
      throw new IllegalArgumentException(
          "Discrepancy.fields must be non-empty exactly for MISMATCH");
    }
  }
}
