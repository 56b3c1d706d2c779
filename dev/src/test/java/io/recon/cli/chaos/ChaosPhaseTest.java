package io.recon.cli.chaos;

import static io.recon.cli.chaos.ChaosPhase.COMPARING;
import static io.recon.cli.chaos.ChaosPhase.PLANNING;
import static io.recon.cli.chaos.ChaosPhase.REPAIRING;
import static io.recon.cli.chaos.ChaosPhase.ROUTING;
import static io.recon.cli.chaos.ChaosPhase.SETTLE_RECHECK;
import static io.recon.cli.chaos.ChaosPhase.VERIFYING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.recon.workflows.cycle.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPhaseTest {

  @Test
  void twentyKillsHitEveryPhaseInCycleOrder() {
    List<List<ChaosPhase>> plan = ChaosPhase.plan(20, 3);
    assertEquals(
        List.of(
            List.of(PLANNING, COMPARING, SETTLE_RECHECK),
            List.of(ROUTING, REPAIRING, VERIFYING),
            List.of(PLANNING, COMPARING, SETTLE_RECHECK),
            List.of(ROUTING, REPAIRING, VERIFYING),
            List.of(PLANNING, COMPARING, SETTLE_RECHECK),
            List.of(ROUTING, REPAIRING, VERIFYING),
            List.of(PLANNING, COMPARING)),
        plan);
    assertEquals(20, plan.stream().mapToInt(List::size).sum());
  }

  @Test
  void oneKillPerCycleAndNoKillsArePlansToo() {
    assertEquals(List.of(List.of(PLANNING), List.of(COMPARING)), ChaosPhase.plan(2, 1));
    assertEquals(List.of(), ChaosPhase.plan(0, 3));
  }

  @Test
  void aMissedAimGoesFirstIntoTheNextCycle() {
    var remaining = new java.util.ArrayDeque<>(List.of(ROUTING, REPAIRING, PLANNING));
    assertEquals(List.of(ROUTING, REPAIRING), ChaosPhase.next(remaining, 3));
    remaining.push(REPAIRING); // the cycle passed it unseen
    assertEquals(List.of(REPAIRING), ChaosPhase.next(remaining, 3));
    assertEquals(List.of(PLANNING), ChaosPhase.next(remaining, 3));
    assertEquals(List.of(), ChaosPhase.next(remaining, 3));
  }

  @Test
  void comparingWithARangeAwaitingItsRecheckIsTheSettleDelay() {
    assertEquals(COMPARING, ChaosPhase.of(Phase.COMPARING, false));
    assertEquals(SETTLE_RECHECK, ChaosPhase.of(Phase.COMPARING, true));
    assertEquals(VERIFYING, ChaosPhase.of(Phase.VERIFYING, false));
    assertNull(ChaosPhase.of(Phase.STARTING, false));
    assertNull(ChaosPhase.of(Phase.DONE, false));
  }
}
