package io.recon.activities.audit;

import io.recon.core.audit.AuditAction;

/**
 * One step to record: who did what, to what, and why. Record contents never go here; the subject is
 * a discrepancy id or a key (hashed when the spec says {@code auditKeys: hashed}).
 *
 * @param cycleId the cycle the step belongs to, or null
 * @param actor who acted: a worker identity, an approver, {@code recon} itself
 * @param action what happened; stored as its {@link AuditAction#text() text}, e.g. {@code
 *     cycle.started}
 * @param subject what it happened to, or null
 * @param detail a small JSON object with counts or ids, or null
 * @param reason why, in words, or null
 */
public record AuditEvent(
    String cycleId,
    String actor,
    AuditAction action,
    String subject,
    String detail,
    String reason) {
  public AuditEvent {
    if (actor == null || actor.isBlank() || action == null) {
      throw new IllegalArgumentException("AuditEvent.actor and action are required");
    }
  }
}
