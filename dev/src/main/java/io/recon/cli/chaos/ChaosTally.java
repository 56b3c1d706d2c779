package io.recon.cli.chaos;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a chaos run, added up cycle by cycle. A kill or an outage is survived when the
 * cycle it hit passed: it ended COMPLETED within its bound, reported exactly the planted
 * divergences, its repairs were each applied once with no concurrent write overwritten, and the
 * audit chain was intact afterwards.
 */
final class ChaosTally {
  private int killsAttempted;
  private int killsSurvived;
  private int outagesAttempted;
  private int outagesSurvived;
  private long lost;
  private long duplicated;
  private long clobbered;
  private long unanswered;
  private long expectedRepairs;
  private long concurrentWrites;
  private int cycles;
  private int unplaced;
  private int cyclesPassed;
  private final Map<ChaosPhase, int[]> byPhase = new EnumMap<>(ChaosPhase.class);

  /** One cycle's share. */
  record Cycle(
      List<ChaosCycle.Kill> kills,
      int outages,
      boolean passed,
      Verdict verdict,
      long expectedRepairs,
      long concurrentWrites) {}

  void add(Cycle c) {
    cycles++;
    if (c.passed()) {
      cyclesPassed++;
    }
    killsAttempted += c.kills().size();
    outagesAttempted += c.outages();
    if (c.passed()) {
      killsSurvived += c.kills().size();
      outagesSurvived += c.outages();
    }
    for (ChaosCycle.Kill k : c.kills()) {
      if (k.hit() != null) {
        int[] n = byPhase.computeIfAbsent(k.hit(), p -> new int[2]);
        n[0]++;
        if (c.passed()) {
          n[1]++;
        }
      }
    }
    if (c.verdict() != null) {
      lost += c.verdict().lost();
      duplicated += c.verdict().duplicated();
      clobbered += c.verdict().clobbered();
      unanswered += c.verdict().unanswered();
    }
    expectedRepairs += c.expectedRepairs();
    concurrentWrites += c.concurrentWrites();
  }

  /** Kills that found no cycle showing their phase within the run's bound on cycles. */
  void unplaced(int n) {
    unplaced = n;
  }

  /** The target: every kill and outage survived, nothing lost, duplicated or clobbered. */
  boolean met(int killsWanted) {
    return killsAttempted >= killsWanted
        && unplaced == 0
        && killsSurvived == killsAttempted
        && outagesSurvived == outagesAttempted
        && cyclesPassed == cycles
        && lost == 0
        && duplicated == 0
        && clobbered == 0
        && unanswered == 0;
  }

  List<String> lines() {
    var phases = new StringBuilder();
    for (var e : byPhase.entrySet()) {
      phases.append(phases.isEmpty() ? "" : ", ");
      phases
          .append(e.getKey())
          .append(' ')
          .append(e.getValue()[1])
          .append('/')
          .append(e.getValue()[0]);
    }
    return List.of(
        String.format(
            "kills survived / attempted: %d / %d (by phase hit: %s)",
            killsSurvived, killsAttempted, phases),
        String.format("outages survived / attempted: %d / %d", outagesSurvived, outagesAttempted),
        String.format(
            "repairs lost / duplicated: %d / %d (of %d repairs needed; %d write replies never came)",
            lost, duplicated, expectedRepairs, unanswered),
        String.format("clobbered: %d (of %d concurrent writes)", clobbered, concurrentWrites),
        String.format(
            "cycles passed: %d / %d; kills never placed (their phase never seen): %d",
            cyclesPassed, cycles, unplaced));
  }
}
