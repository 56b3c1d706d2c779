package io.recon.cli.chaos;

import io.recon.workflows.cycle.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
   * The kills of a run: kill {@code i} aims at phase {@code i mod 6}, so every phase is hit alike.
   */
  static List<ChaosPhase> aims(int kills) {
    var out = new ArrayList<ChaosPhase>();
    for (int i = 0; i < kills; i++) {
      out.add(values()[i % values().length]);
    }
    return out;
  }

  /**
   * The next cycle's aims, taken from the head of {@code remaining}: up to {@code perCycle} of
   * them, in the order a cycle passes through its phases.
   */
  static List<ChaosPhase> next(Deque<ChaosPhase> remaining, int perCycle) {
    if (perCycle < 1) {
      throw new IllegalArgumentException("at least one kill per cycle, not " + perCycle);
    }
    var out = new ArrayList<ChaosPhase>();
    while (!remaining.isEmpty()
        && out.size() < perCycle
        && (out.isEmpty() || out.get(out.size() - 1).compareTo(remaining.peek()) < 0)) {
      out.add(remaining.pop());
    }
    return out;
  }

  /** The cycles of a run in which every aim is hit where it aims. */
  static List<List<ChaosPhase>> plan(int kills, int perCycle) {
    var remaining = new ArrayDeque<>(aims(kills));
    var cycles = new ArrayList<List<ChaosPhase>>();
    while (!remaining.isEmpty()) {
      cycles.add(next(remaining, perCycle));
    }
    return cycles;
  }
}
