package io.recon.activities.store;

import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.core.canonical.Digests;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.compare.Discrepancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One discrepancy as the store keeps it. {@code keyText} is the canonical JSON of the key's {@code
 * EncodedKey} and {@code keyHash} its SHA-256; {@code keyJson} shows the key by source column name;
 * {@code detail} says more where the kind alone does not (a duplicate key's side), or is null.
 */
public record DiscrepancyRow(
    String keyHash,
    String keyText,
    String keyJson,
    String kind,
    String severity,
    String fields,
    String sourceHash,
    String targetHash,
    String detail,
    Lineage lineage) {

  /** The row of {@code d}, its key displayed with {@code keyColumns}. */
  public static DiscrepancyRow of(Discrepancy d, List<String> keyColumns, Lineage lineage) {
    String keyText = StoreJson.keyText(d.key());
    return new DiscrepancyRow(
        Digests.sha256Hex(keyText),
        keyText,
        StoreJson.write(d.key().display(keyColumns)),
        d.kind().name(),
        d.severity().name(),
        fields(d.fields()),
        d.sourceHash(),
        d.targetHash(),
        d.detail(),
        lineage);
  }

  /** The differing fields as a JSON array of {path, source, target, severity}. */
  static String fields(List<FieldDiff> diffs) {
    return StoreJson.write(
        diffs.stream()
            .map(
                f -> {
                  Map<String, String> m = new LinkedHashMap<>();
                  m.put("path", f.targetPath());
                  m.put("source", f.sourceDisplay());
                  m.put("target", f.targetDisplay());
                  m.put("severity", f.severity().name());
                  return m;
                })
            .toList());
  }
}
