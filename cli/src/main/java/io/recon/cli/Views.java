package io.recon.cli;

import io.recon.activities.support.Lineage;
import io.recon.starter.CycleStore;
import io.recon.starter.StoredCycle;
import io.recon.starter.UnknownCycleException;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import io.recon.starter.view.CycleViews;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Optional;

/** The view of a cycle whose workflow has closed: from the store, else from Temporal's result. */
final class Views {
  private Views() {}

  /**
   * The stored view of a cycle whose workflow is not running. A row the store still records open
   * belongs to a lost workflow: it is closed as ABANDONED first, so the view names its real state.
   */
  static CycleStatus closed(Session session, String cycleId) {
    Optional<StoredCycle> stored = settled(session, cycleId);
    if (stored.isPresent()) {
      ReportStore store = new ReportStore(session.store());
      ReportSummary summary = store.summary(cycleId, 0).orElseThrow();
      return CycleViews.stored(
          stored.get(), summary, store.decisions(cycleId), store.pending(cycleId));
    }
    // The workflow failed before it could record itself (for example, another cycle of the
    // job was running): its failure is the only account there is.
    try {
      session.temporal().newUntypedWorkflowStub(cycleId).getResult(CycleResult.class);
    } catch (WorkflowFailedException e) {
      return CycleViews.failed(cycleId, failureMessage(e));
    } catch (RuntimeException e) {
      throw new UnknownCycleException(cycleId);
    }
    throw new UnknownCycleException(cycleId);
  }

  /** The cycle's stored row, closed as ABANDONED first when it is open but its workflow is lost. */
  static Optional<StoredCycle> settled(Session session, String cycleId) {
    Optional<StoredCycle> stored = session.cycles().find(cycleId);
    if (stored.isPresent() && CycleStore.OPEN_STATES.contains(stored.get().status())) {
      if (session.cycleClient().closeIfLost(cycleId, ACTOR)) {
        stored = session.cycles().find(cycleId);
      }
    }
    return stored;
  }

  /** Who closes a lost cycle from the CLI, in the audit. */
  static final String ACTOR = "recon@" + Lineage.processIdentity();

  static String failureMessage(WorkflowFailedException e) {
    Throwable t = e.getCause();
    while (t != null) {
      if (t instanceof ApplicationFailure af) {
        return af.getOriginalMessage();
      }
      if (t instanceof TemporalFailure tf && tf.getCause() == null) {
        return tf.getOriginalMessage();
      }
      t = t.getCause();
    }
    return UserErrors.describe(e);
  }
}
