package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SourceSpec;
import io.recon.workflows.activities.CloseCycle;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.CycleState;
import io.recon.workflows.cycle.Gate;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreActivitiesIT {
  private static final JobSpec SPEC =
      Fixture.spec(
          "customers",
          new SourceSpec("customers", null, List.of("id"), "updated_at"),
          List.of("_id"),
          1,
          List.of(FieldSpec.of("email", "email", FieldType.STRING)));

  private static OpenCycle open(String id) {
    return new OpenCycle(SPEC, id, "run", Mode.FULL, "test", Instant.now());
  }

  private static OpenCycle open(String id, Mode mode) {
    return new OpenCycle(SPEC, id, "run", mode, "test", Instant.now());
  }

  @Test
  void keySetCyclesOverlapEachOtherAndNeverKeepAFullCycleOutButAFullCycleKeepsThemOut() {
    try (var f = new Fixture(10)) {
      f.cycles.openCycle(open("k1", Mode.KEYS));
      f.cycles.openCycle(open("k2", Mode.KEYS));
      // The scheduled backstop is not refused by the feed's key-set cycles.
      f.cycles.openCycle(open("full1", Mode.FULL));
      var failure =
          assertThrows(ActivityFailure.class, () -> f.cycles.openCycle(open("k3", Mode.KEYS)));
      var cause = (ApplicationFailure) failure.getCause();
      assertEquals(FailureType.CYCLE_ALREADY_RUNNING.name(), cause.getType());
      assertTrue(cause.getOriginalMessage().contains("full1"), cause.getOriginalMessage());
      var second =
          assertThrows(
              ActivityFailure.class, () -> f.cycles.openCycle(open("inc1", Mode.INCREMENTAL)));
      assertTrue(
          ((ApplicationFailure) second.getCause()).getOriginalMessage().contains("full1"),
          second.getMessage());
    }
  }

  @Test
  void openCycleRefusesASecondOpenCycleOfTheSameSpec() {
    try (var f = new Fixture(10)) {
      assertNull(f.cycles.openCycle(open("c1")).watermark());
      assertNull(f.cycles.openCycle(open("c1")).watermark()); // idempotent
      var failure = assertThrows(ActivityFailure.class, () -> f.cycles.openCycle(open("c2")));
      var cause = (ApplicationFailure) failure.getCause();
      assertEquals(FailureType.CYCLE_ALREADY_RUNNING.name(), cause.getType());
      assertTrue(cause.getOriginalMessage().contains("c1"), cause.getOriginalMessage());

      Instant mark = Instant.parse("2024-05-01T10:00:00Z");
      var close =
          new CloseCycle(
              "c1",
              SPEC.name(),
              SPEC.canonicalHash(),
              CycleState.COMPLETED,
              1,
              1,
              Counts.ZERO,
              Gate.OPEN,
              null,
              mark,
              null);
      f.cycles.closeCycle(close);
      f.cycles.closeCycle(close); // idempotent
      assertEquals(mark, f.cycles.openCycle(open("c2")).watermark());
      f.cycles.closeCycle(
          new CloseCycle(
              "c2",
              SPEC.name(),
              SPEC.canonicalHash(),
              CycleState.FAILED,
              1,
              0,
              Counts.ZERO,
              Gate.OPEN,
              mark,
              mark.plusSeconds(60),
              "boom"));
      // A failed cycle never moves the watermark.
      assertEquals(mark, f.cycles.openCycle(open("c3")).watermark());
    }
  }

  private static CloseCycle close(String id, CycleState state, String error, String by) {
    return new CloseCycle(
        id,
        SPEC.name(),
        SPEC.canonicalHash(),
        state,
        1,
        0,
        Counts.ZERO,
        Gate.OPEN,
        null,
        Instant.parse("2024-05-01T10:00:00Z"),
        error,
        by,
        by == null ? null : "deploy freeze");
  }

  @Test
  void aCancelIsAuditedByWhoCancelledAndNeitherItNorAnEarlierResultIsOverwritten() {
    try (var f = new Fixture(10)) {
      f.cycles.openCycle(open("c1"));
      f.cycles.closeCycle(close("c1", CycleState.CANCELLED, "cancelled by alice: x", "alice"));
      f.cycles.closeCycle(close("c1", CycleState.CANCELLED, "cancelled by alice: x", "alice"));
      // A close that arrives after the cancel (a retried activity of the old run) changes nothing.
      f.cycles.closeCycle(close("c1", CycleState.COMPLETED, null, null));
      assertEquals(
          1,
          f.storeCount(
              "select count(*) from recon.cycle where cycle_id = 'c1' and status = 'CANCELLED'"
                  + " and error = 'cancelled by alice: x'"));
      assertEquals(
          1,
          f.storeCount(
              "select count(*) from recon.audit_event where cycle_id = 'c1'"
                  + " and action = 'cycle.cancelled' and actor = 'alice'"
                  + " and reason = 'deploy freeze'"));
      assertEquals(
          0,
          f.storeCount("select count(*) from recon.audit_event where action = 'cycle.finished'"));
      assertEquals(0, f.storeCount("select count(*) from recon.watermark"));

      // A result recorded first stands against a late cancel.
      f.cycles.openCycle(open("c2"));
      f.cycles.closeCycle(close("c2", CycleState.COMPLETED, null, null));
      f.cycles.closeCycle(close("c2", CycleState.CANCELLED, "cancelled by bob", "bob"));
      assertEquals(
          1,
          f.storeCount(
              "select count(*) from recon.cycle where cycle_id = 'c2' and status = 'COMPLETED'"));
      assertEquals(
          0,
          f.storeCount(
              "select count(*) from recon.audit_event where action = 'cycle.cancelled'"
                  + " and cycle_id = 'c2'"));
    }
  }
}
