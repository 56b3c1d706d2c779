package io.recon.activities.repair;

import io.recon.core.compare.DiscrepancyKind;

/** What one repair writes to the target ({@code recon.repair.action}); stored by name. */
public enum RepairAction {
  /** Inserts the mapped document of a MISSING row. */
  INSERT,
  /** Sets the differing mapped paths of a MISMATCH. */
  UPDATE,
  /** Deletes an ORPHAN document. */
  DELETE;

  /**
   * The write a discrepancy of {@code kind} needs. DUPLICATE_KEY and INVALID_KEY are never written
   * (routing reports them); they are named UPDATE only in the record of a refused repair.
   */
  public static RepairAction of(DiscrepancyKind kind) {
    return switch (kind) {
      case MISSING -> INSERT;
      case ORPHAN -> DELETE;
      case MISMATCH, DUPLICATE_KEY, INVALID_KEY -> UPDATE;
    };
  }
}
