package io.recon.activities.store;

/** The life of one key range ({@code recon.partition.status}); stored by name. */
public enum PartitionStatus {
  /** Planned; not compared yet. */
  PENDING,
  /** Compared: its discrepancies are stored as DETECTED, its recheck is still to come. */
  COMPARED,
  /** Rechecked: its counts are final. */
  DONE;

  /** Whether the range was compared already, so comparing it again must not re-detect. */
  public boolean compared() {
    return switch (this) {
      case PENDING -> false;
      case COMPARED, DONE -> true;
    };
  }
}
