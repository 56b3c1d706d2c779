package io.recon.workflows.cycle;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

/**
 * Decides when one run of a cycle stops starting partition children, drains its window and
 * continues as new, so that every run stays under about 2,000 history events whatever the number of
 * partitions (Temporal suggests continue-as-new at 4,096 and terminates at 51,200).
 */
final class RunBudget {
  static final int MAX_CHILDREN_PER_RUN = 200;

  /** Events a run may reach before it drains; draining adds at most the window's events. */
  static final int HISTORY_BUDGET = 1_500;

  /**
   * The most events one child adds to the parent: initiated, started and completed, plus a workflow
   * task (scheduled, started, completed) after each of the last two.
   */
  static final int EVENTS_PER_CHILD = 9;

  private final int maxChildren;
  private final int historyBudget;

  RunBudget() {
    this(MAX_CHILDREN_PER_RUN);
  }

  /** A smaller budget, for tests that need several runs out of a few partitions. */
  RunBudget(int maxChildren) {
    this(maxChildren, HISTORY_BUDGET);
  }

  /** A smaller history budget too, for tests that need several runs out of a few decisions. */
  RunBudget(int maxChildren, int historyBudget) {
    if (maxChildren < 1) {
      throw new IllegalArgumentException("maxChildren must be >= 1, not " + maxChildren);
    }
    this.maxChildren = maxChildren;
    this.historyBudget = historyBudget;
  }

  /**
   * Whether this run may start one more child, given how many it started and how many are in
   * flight. The first child of a run is always allowed, so that every run makes progress. The
   * projected history counts the children in flight, so that a wide window cannot push the drain
   * past the budget.
   */
  boolean allowsStart(int startedThisRun, int inFlight) {
    if (startedThisRun == 0) {
      return true;
    }
    if (startedThisRun >= maxChildren) {
      return false;
    }
    WorkflowInfo info = Workflow.getInfo();
    if (info.isContinueAsNewSuggested()) {
      return false;
    }
    return info.getHistoryLength() + (long) (inFlight + 1) * EVENTS_PER_CHILD <= historyBudget;
  }

  /**
   * Whether a run waiting for approval may keep waiting, or should continue as new. Each decision
   * adds a constant number of events (the signal, the decide activity, a repair pass when it
   * approved something, and their workflow tasks: at most about 16), so checking between decisions
   * keeps the run near the budget.
   */
  boolean allowsMoreDecisions() {
    WorkflowInfo info = Workflow.getInfo();
    return !info.isContinueAsNewSuggested() && info.getHistoryLength() <= historyBudget;
  }
}
