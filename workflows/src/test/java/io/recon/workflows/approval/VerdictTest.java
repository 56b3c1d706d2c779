package io.recon.workflows.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.cycle.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void anAcceptedDecisionSplitsItsIdsIntoDecidedAndRefused() {
    Verdict v =
        Verdict.of(
            new Decision(
                "approve", "r-1", "alice", "ok", List.of("1", "2", "3"), 2, null, List.of("2"), 0));
    assertTrue(v.accepted());
    assertEquals(List.of("1", "3"), v.decided());
    assertEquals(List.of(new Verdict.RefusedId("2", Verdict.NOT_PENDING)), v.refused());
    assertEquals("r-1", v.requestId());
  }

  @Test
  void aRefusedDecisionRefusesEachIdWithItsReasonUnlessTheIdWasNotPending() {
    Verdict v =
        Verdict.of(
            new Decision(
                "reject",
                "r-2",
                "alice",
                null,
                List.of("7", "8"),
                0,
                "none of the named ids is pending approval",
                List.of("8"),
                0));
    assertFalse(v.accepted());
    assertEquals(List.of(), v.decided());
    assertEquals(
        List.of(
            new Verdict.RefusedId("7", "none of the named ids is pending approval"),
            new Verdict.RefusedId("8", Verdict.NOT_PENDING)),
        v.refused());
    assertEquals("none of the named ids is pending approval", v.refusal());
  }
}
