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
 * @param detail what an operator needs beyond the kind, e.g. which side repeats a key; may be null
 */
public record Discrepancy(
    RecordKey key,
    DiscrepancyKind kind,
    Severity severity,
    List<FieldDiff> fields,
    String sourceHash,
    String targetHash,
    String detail) {
  /** A discrepancy without detail. */
  public Discrepancy(
      RecordKey key,
      DiscrepancyKind kind,
      Severity severity,
      List<FieldDiff> fields,
      String sourceHash,
      String targetHash) {
    this(key, kind, severity, fields, sourceHash, targetHash, null);
  }

  /**
   * A {@code DUPLICATE_KEY} discrepancy: {@code sourceCount} source records and {@code targetCount}
   * target records hold {@code key}; at least one count exceeds one.
   */
  public static Discrepancy duplicate(
      RecordKey key, Severity severity, long sourceCount, long targetCount) {
    var sides = new java.util.ArrayList<String>(2);
    if (sourceCount > 1) {
      sides.add("the source holds " + sourceCount + " rows");
    }
    if (targetCount > 1) {
      sides.add("the target holds " + targetCount + " documents");
    }
    if (sides.isEmpty()) {
      throw new IllegalArgumentException("Discrepancy.duplicate needs a count above one");
    }
    return new Discrepancy(
        key,
        DiscrepancyKind.DUPLICATE_KEY,
        severity,
        List.of(),
        null,
        null,
        "DUPLICATE_KEY: " + String.join(" and ", sides) + " with key " + key);
  }

  /**
   * An {@code INVALID_KEY} discrepancy: {@code count} records of {@code side} ("source" or
   * "target") hold the raw key {@code key}, which has a NULL (or absent) part; {@code what} says
   * which, e.g. "NULL in key column id".
   */
  public static Discrepancy invalidKey(RecordKey key, String side, long count, String what) {
    String records =
        side.equals("source")
            ? count + (count == 1 ? " source row has " : " source rows have ")
            : count + (count == 1 ? " target document has " : " target documents have ");
    return new Discrepancy(
        key,
        DiscrepancyKind.INVALID_KEY,
        Severity.HIGH,
        List.of(),
        null,
        null,
        "INVALID_KEY: " + records + what + "; such a record matches nothing and is never repaired");
  }

  /** How the detail of an ORPHAN whose key has another type than the spec's begins. */
  public static final String FOREIGN_TYPE = "ORPHAN of another key type: ";

  /**
   * An {@code ORPHAN} whose key is of another type than the spec declares, such as the string
   * {@code "1"} where the key is an integer: no source row can ever hold it. {@code what} names the
   * value and its type. Such an orphan is reported, never deleted: recon writes only documents it
   * can address by the spec's key type.
   */
  public static Discrepancy foreignOrphan(
      RecordKey key, Severity severity, long count, String what) {
    String docs = count == 1 ? "" : " (" + count + " documents)";
    return new Discrepancy(
        key, DiscrepancyKind.ORPHAN, severity, List.of(), null, null, FOREIGN_TYPE + what + docs);
  }

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
