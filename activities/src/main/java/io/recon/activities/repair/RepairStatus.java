package io.recon.activities.repair;

import io.recon.core.audit.AuditAction;
import io.recon.workflows.cycle.DiscrepancyStatus;

/**
 * The life of one repair row ({@code recon.repair.status}). Stored by {@link #name()}. A repair's
 * status is not its discrepancy's: {@link #discrepancyStatus()} maps one to the other, explicitly.
 */
public enum RepairStatus {
  /** Written before MongoDB is touched; the outcome is not known yet. */
  APPLYING,
  /** The write landed on the target. */
  APPLIED,
  /** The target changed since comparison; the write was not sent. */
  SKIPPED_CONCURRENT_CHANGE,
  /** The write failed, or never reached the target; its error is recorded. */
  FAILED;

  /** The status the repair's discrepancy takes when this status is recorded. */
  public DiscrepancyStatus discrepancyStatus() {
    return switch (this) {
      case APPLYING -> DiscrepancyStatus.APPROVED;
      case APPLIED -> DiscrepancyStatus.REPAIRED;
      case SKIPPED_CONCURRENT_CHANGE -> DiscrepancyStatus.SKIPPED_CONCURRENT_CHANGE;
      case FAILED -> DiscrepancyStatus.FAILED;
    };
  }

  /** The audit action recording this outcome; an APPLYING row is no outcome and has none. */
  public AuditAction auditAction() {
    return switch (this) {
      case APPLYING -> throw new IllegalStateException("an APPLYING repair has no outcome yet");
      case APPLIED -> AuditAction.REPAIR_APPLIED;
      case SKIPPED_CONCURRENT_CHANGE -> AuditAction.REPAIR_SKIPPED;
      case FAILED -> AuditAction.REPAIR_FAILED;
    };
  }
}
