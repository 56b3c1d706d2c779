package io.recon.activities.repair;

import io.recon.activities.audit.AuditEvent;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.cycle.DiscrepancyStatus;
import io.recon.workflows.cycle.Gate;
import java.util.List;

/**
 * The audit events of routing, deciding and verifying repairs, built from what happened. Pure: the
 * transactions that append them only gather the ids.
 */
final class RepairEvents {
  private RepairEvents() {}

  /** {@code repair.routed}: {@code ids} went to status {@code to}. */
  static AuditEvent routed(String cycleId, String actor, DiscrepancyStatus to, List<Long> ids) {
    var m = AuditDetails.map();
    m.put("status", to.name());
    AuditDetails.ids(m, ids.stream().sorted().toList());
    return new AuditEvent(
        cycleId, actor, AuditAction.REPAIR_ROUTED, to.name(), AuditDetails.json(m), null);
  }

  /** {@code gate.tripped}: the gate's figures and its one line. */
  static AuditEvent gateTripped(String cycleId, String actor, Gate gate) {
    var m = AuditDetails.map();
    m.put("ratio", gate.ratio());
    m.put("threshold", gate.threshold());
    m.put("repairs", gate.repairs());
    m.put("maxRepairs", gate.maxRepairs());
    return new AuditEvent(
        cycleId,
        actor,
        AuditAction.GATE_TRIPPED,
        cycleRef(cycleId),
        AuditDetails.json(m),
        gate.describe());
  }

  /** {@code approval.requested}: {@code count} discrepancies wait for the spec's approvers. */
  static AuditEvent approvalRequested(
      String cycleId, String actor, JobSpec spec, long count, Gate gate) {
    var m = AuditDetails.map();
    m.put("count", count);
    m.put("approvers", spec.approvers());
    return new AuditEvent(
        cycleId,
        actor,
        AuditAction.APPROVAL_REQUESTED,
        cycleRef(cycleId),
        AuditDetails.json(m),
        gate.tripped() ? gate.describe() : "severity not repaired automatically");
  }

  /** {@code approval.refused}: the decision {@code r} did not apply to {@code ids}, and why. */
  static AuditEvent refused(DecideRequest r, String approver, List<String> ids, String why) {
    var m = AuditDetails.map();
    m.put("action", r.action());
    m.put("requestId", r.requestId());
    AuditDetails.ids(m, ids);
    return new AuditEvent(
        r.cycleId(),
        approver,
        AuditAction.APPROVAL_REFUSED,
        cycleRef(r.cycleId()),
        AuditDetails.json(m),
        why);
  }

  /** {@code approval.granted} or {@code approval.rejected}: the decision applied to {@code ids}. */
  static AuditEvent decided(DecideRequest r, DecisionInput input, List<Long> ids) {
    var m = AuditDetails.map();
    m.put("requestId", r.requestId());
    AuditDetails.ids(m, ids.stream().sorted().toList());
    return new AuditEvent(
        r.cycleId(),
        input.approver(),
        input.approve() ? AuditAction.APPROVAL_GRANTED : AuditAction.APPROVAL_REJECTED,
        cycleRef(r.cycleId()),
        AuditDetails.json(m),
        r.reason());
  }

  /** {@code approval.expired}: nobody decided on {@code ids} in time; the owner is told. */
  static AuditEvent expired(String cycleId, String actor, JobSpec spec, List<Long> ids) {
    var m = AuditDetails.map();
    m.put("escalatedTo", spec.owner());
    AuditDetails.ids(m, ids.stream().sorted().toList());
    return new AuditEvent(
        cycleId,
        actor,
        AuditAction.APPROVAL_EXPIRED,
        cycleRef(cycleId),
        AuditDetails.json(m),
        "nobody decided within repair.approvalTimeout");
  }

  /** {@code repair.unresolved}: the sides of {@code d} still differ after its repair. */
  static AuditEvent unresolved(String cycleId, String actor, JobSpec spec, Approved d) {
    var m = AuditDetails.map();
    m.put("kind", d.kind());
    AuditDetails.key(m, spec, d.keyJson(), d.keyHash());
    return new AuditEvent(
        cycleId,
        actor,
        AuditAction.REPAIR_UNRESOLVED,
        Long.toString(d.id()),
        AuditDetails.json(m),
        "the sides still differ after the repair");
  }

  /** {@code repair.verified}: the repairs of discrepancies {@code ids} hold. */
  static AuditEvent verified(String cycleId, String actor, List<Long> ids) {
    var m = AuditDetails.map();
    AuditDetails.ids(m, ids);
    return new AuditEvent(
        cycleId, actor, AuditAction.REPAIR_VERIFIED, cycleRef(cycleId), AuditDetails.json(m), null);
  }

  private static String cycleRef(String cycleId) {
    return "cycle " + cycleId;
  }
}
