package io.recon.workflows.approval;

import io.recon.workflows.cycle.Decision;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The most recent decisions, accepted or refused, oldest first. Bounded to {@link #CAPACITY} so
 * that the {@code status} answer and the state carried across continue-as-new stay small; the
 * audit, not this log, keeps every decision.
 */
public final class DecisionLog {
  public static final int CAPACITY = 50;
  private final ArrayDeque<Decision> recent = new ArrayDeque<>();

  /** A log that starts from decisions carried over from an earlier run. */
  public DecisionLog(List<Decision> carried) {
    if (carried != null) {
      carried.forEach(this::record);
    }
  }

  public void record(Decision decision) {
    recent.addLast(decision);
    while (recent.size() > CAPACITY) {
      recent.removeFirst();
    }
  }

  /** A copy, oldest first. */
  public List<Decision> recent() {
    return List.copyOf(recent);
  }
}
