package io.recon.activities.compare;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.store.DiscrepancyStore.Verdict;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.AuditKeys;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.DetectedCounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit events of detection: a range compared, and each discrepancy settled at recheck. */
final class DetectionAudit {
  private DetectionAudit() {}

  static List<AuditEvent> compared(RangeRequest request, DetectedCounts c, Lineage lineage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("range", request.rangeIndex());
    m.put("sourceRecords", c.volumes().sourceRecords());
    m.put("targetRecords", c.volumes().targetRecords());
    m.put("compared", c.volumes().compared());
    m.put("missing", c.findings().missing());
    m.put("orphan", c.findings().orphan());
    m.put("mismatch", c.findings().mismatch());
    return List.of(
        new AuditEvent(
            request.cycleId(),
            lineage.workerIdentity(),
            AuditAction.RANGE_COMPARED,
            "range " + request.rangeIndex(),
            StoreJson.write(m),
            null));
  }

  /** One event per verdict: found (it persists) or transient (the sides agree now). */
  static List<AuditEvent> settled(
      JobSpec spec, String cycleId, List<Verdict> verdicts, Lineage lineage) {
    var events = new ArrayList<AuditEvent>(verdicts.size());
    for (Verdict v : verdicts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", v.persisting() == null ? v.detected().kind() : v.persisting().kind());
      if (v.persisting() != null) {
        m.put("severity", v.persisting().severity());
      }
      if (spec.auditKeys() == AuditKeys.HASHED) {
        m.put("keyHash", v.detected().keyHash());
      } else {
        m.put("key", StoreJson.key(v.detected().keyText()).display(spec.source().key()));
      }
      events.add(
          new AuditEvent(
              cycleId,
              lineage.workerIdentity(),
              v.persisting() == null
                  ? AuditAction.DISCREPANCY_TRANSIENT
                  : AuditAction.DISCREPANCY_FOUND,
              Long.toString(v.detected().id()),
              StoreJson.write(m),
              null));
    }
    return events;
  }
}
