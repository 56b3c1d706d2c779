package io.recon.activities.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recon.activities.audit.AuditEvent;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.TargetSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit events that open and close a cycle, without a store. */
class CycleEventsTest {
  private static final JobSpec SPEC =
      new JobSpec(
          "customers",
          "owner",
          List.of("alice"),
          new SourceSpec("customers", null, List.of("id"), null),
          new TargetSpec("db", "docs", List.of("_id")),
          List.of(),
          true,
          null,
          null,
          1,
          1,
          null,
          null,
          null,
          null,
          Limits.NONE);

  @Test
  void aStartedCycleIsAuditedByItsInitiatorWithItsModeSpecHashAndRun() {
    AuditEvent e =
        CycleEvents.started(new OpenCycle(SPEC, "c1", "r1", Mode.INCREMENTAL, "alice", null));
    assertEquals(
        new AuditEvent(
            "c1",
            "alice",
            AuditAction.CYCLE_STARTED,
            "cycle c1",
            "{\"mode\":\"INCREMENTAL\",\"specHash\":\""
                + SPEC.canonicalHash()
                + "\",\"runId\":\"r1\"}",
            null),
        e);
    assertEquals(
        "unknown",
        CycleEvents.started(new OpenCycle(SPEC, "c1", "r1", Mode.FULL, null, null)).actor());
  }

  @Test
  void aFinishedCycleIsAuditedByTheProcessWithItsErrorAndGate() {
    Gate gate = new Gate(true, 0.5, 0.1, 3, 2);
    AuditEvent e = CycleEvents.closed(close(CycleState.FAILED, gate, "boom", "bob", "x"), "w-1");
    assertEquals("w-1", e.actor());
    assertEquals(AuditAction.CYCLE_FINISHED, e.action());
    assertEquals("boom", e.reason());
    assertEquals(
        "{\"state\":\"FAILED\",\"rangesTotal\":4,\"rangesDone\":2,\"gate\":\""
            + gate.describe()
            + "\"}",
        e.detail());
  }

  @Test
  void aCancelledCycleIsAuditedByWhoeverCancelledItWithTheirReason() {
    AuditEvent e =
        CycleEvents.closed(close(CycleState.CANCELLED, null, null, "bob", "wrong spec"), "w-1");
    assertEquals("bob", e.actor());
    assertEquals(AuditAction.CYCLE_CANCELLED, e.action());
    assertEquals("wrong spec", e.reason());
    AuditEvent nobody =
        CycleEvents.closed(close(CycleState.CANCELLED, null, null, null, null), "w-1");
    assertEquals("w-1", nobody.actor());
  }

  @Test
  void anAbandonedCycleSaysWhatItWasHowFarItGotAndWhy() {
    AuditEvent e = CycleEvents.abandoned("c1", "sweeper", "RUNNING", 3, 4, "workflow not found");
    assertEquals(
        new AuditEvent(
            "c1",
            "sweeper",
            AuditAction.CYCLE_ABANDONED,
            "cycle c1",
            "{\"state\":\"ABANDONED\",\"was\":\"RUNNING\",\"rangesDone\":3,\"rangesTotal\":4}",
            "workflow not found"),
        e);
  }

  private static CloseCycle close(
      CycleState state, Gate gate, String error, String closedBy, String reason) {
    return new CloseCycle(
        "c1", "customers", "h", state, 4, 2, null, gate, null, null, error, closedBy, reason);
  }
}
