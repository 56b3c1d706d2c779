package io.recon.cli.chaos;

import io.recon.workflows.cycle.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * The moments of a cycle the harness aims its faults at: the cycle's own phases, with comparison
 * split in two, since the settle delay and the recheck run inside the same {@link Phase#COMPARING}
 * of the parent (a range that was compared but not yet rechecked is the sign).
 */
enum ChaosPhase {
  PLANNING,
  COMPARING,
  SETTLE_RECHECK,
  ROUTING,
  REPAIRING,
  VERIFYING;

  /** The harness phase of a status; null before planning and after verifying. */
  static ChaosPhase of(Phase phase, boolean rangeAwaitsRecheck) {
    return switch (phase) {
      case PLANNING -> PLANNING;
      case COMPARING -> rangeAwaitsRecheck ? SETTLE_RECHECK : COMPARING;
      case ROUTING -> ROUTING;
      case REPAIRING -> REPAIRING;
      case VERIFYING -> VERIFYING;
      default -> null;
    };
  }

  /**
   * The kills of a run, cycle by cycle: kill {@code i} aims at phase {@code i mod 6}, so every
   * phase is hit as often as the others, and each cycle takes up to {@code perCycle} of them in the
   * order a cycle passes through its phases.
   */
  static List<List<ChaosPhase>> plan(int kills, int perCycle) {
    if (perCycle < 1) {
      throw new IllegalArgumentException("at least one kill per cycle, not " + perCycle);
    }
    var cycles = new ArrayList<List<ChaosPhase>>();
    List<ChaosPhase> current = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      ChaosPhase p = values()[i % values().length];
      if (current.size() == perCycle
          || (!current.isEmpty() && current.get(current.size() - 1).compareTo(p) >= 0)) {
        cycles.add(List.copyOf(current));
        current = new ArrayList<>();
      }
      current.add(p);
    }
    if (!current.isEmpty()) {
      cycles.add(List.copyOf(current));
    }
    return cycles;
  }
}
