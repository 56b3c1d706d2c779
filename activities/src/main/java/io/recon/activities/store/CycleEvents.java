package io.recon.activities.store;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.cycle.CycleState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit events that open and close a cycle, built from the request alone. Pure. */
final class CycleEvents {
  private CycleEvents() {}

  /** Who started {@code request}'s cycle, or {@code unknown} when it names nobody. */
  static String initiator(OpenCycle request) {
    return request.initiator() == null ? "unknown" : request.initiator();
  }

  /** {@code cycle.started}: its mode, spec hash and first run. */
  static AuditEvent started(OpenCycle request) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", request.mode().name());
    m.put("specHash", request.spec().canonicalHash());
    if (request.specVersion() != null) {
      m.put("specVersion", request.specVersion());
    }
    m.put("runId", request.runId());
    return new AuditEvent(
        request.cycleId(),
        initiator(request),
        AuditAction.CYCLE_STARTED,
        "cycle " + request.cycleId(),
        StoreJson.write(m),
        null);
  }

  /**
   * {@code cycle.finished}, or {@code cycle.cancelled} by whoever cancelled it, with the cycle's
   * totals and its gate; {@code processActor} acts when nobody named did.
   */
  static AuditEvent closed(CloseCycle request, String processActor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", request.state().name());
    m.put("rangesTotal", request.rangesTotal());
    m.put("rangesDone", request.rangesDone());
    if (request.counts() != null) {
      var c = request.counts();
      m.put("compared", c.volumes().compared());
      m.put("missing", c.persistent().missing());
      m.put("orphan", c.persistent().orphan());
      m.put("mismatch", c.persistent().mismatch());
      m.put("transient", c.transientCount());
    }
    if (request.gate() != null) {
      m.put("gate", request.gate().describe());
    }
    boolean cancelled = request.state() == CycleState.CANCELLED;
    String actor = cancelled && request.closedBy() != null ? request.closedBy() : processActor;
    return new AuditEvent(
        request.cycleId(),
        actor,
        cancelled ? AuditAction.CYCLE_CANCELLED : AuditAction.CYCLE_FINISHED,
        "cycle " + request.cycleId(),
        StoreJson.write(m),
        cancelled ? request.reason() : request.error());
  }

  /**
   * {@code cycle.abandoned}: the workflow of a cycle that was {@code was} is gone, so recon closed
   * it with the ranges it had finished, and says why.
   */
  static AuditEvent abandoned(
      String cycleId, String actor, String was, int rangesDone, int rangesTotal, String why) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", CycleState.ABANDONED.name());
    m.put("was", was);
    m.put("rangesDone", rangesDone);
    m.put("rangesTotal", rangesTotal);
    return new AuditEvent(
        cycleId, actor, AuditAction.CYCLE_ABANDONED, "cycle " + cycleId, StoreJson.write(m), why);
  }
}
