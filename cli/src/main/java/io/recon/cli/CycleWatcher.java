package io.recon.cli;

import io.recon.starter.CycleClient;
import io.recon.starter.UnknownCycleException;
import io.recon.starter.view.CycleView;
import io.recon.starter.view.CycleViews;
import io.recon.starter.view.Retrying;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a cycle through its {@code status} query until it completes or waits for a human, showing
 * progress: a bar on a terminal, plain lines otherwise.
 */
public final class CycleWatcher {
  private static final long POLL_MILLIS = 1000;
  private final Session session;
  private final PrintWriter out;
  private final boolean quiet;
  private final boolean terminal = System.console() != null;
  private final Set<String> shownRetries = new HashSet<>();

  public CycleWatcher(Session session, PrintWriter out, boolean quiet) {
    this.session = session;
    this.out = out;
    this.quiet = quiet;
  }

  /**
   * Prints each activity's retry once per attempt, so a cycle that waits on a source that went away
   * says so instead of looking stuck.
   */
  private void showRetries(List<Retrying> retrying, Progress progress) {
    for (Retrying r : retrying) {
      String key = r.workflowId() + "/" + r.activity() + "/" + r.attempt();
      if (shownRetries.add(key)) {
        progress.interrupt(out);
        out.println(r.describe());
        out.flush();
      }
    }
  }

  /** Returns the last view: a closed cycle's stored result, or a cycle awaiting a decision. */
  public CycleView follow(String cycleId) throws InterruptedException {
    return follow(cycleId, true);
  }

  /**
   * Like {@link #follow(String)}; with {@code stopWhenHeld} false it waits through the approval
   * phase as long as nothing is pending (a decision just taken, repairs still running).
   */
  public CycleView follow(String cycleId, boolean stopWhenHeld) throws InterruptedException {
    CycleClient client = session.cycleClient();
    Progress progress = new Progress(terminal);
    boolean warnedNoWorker = false;
    while (true) {
      Optional<WorkflowExecutionStatus> status = client.executionStatus(cycleId);
      if (status.isEmpty()) {
        throw new UnknownCycleException(cycleId);
      }
      if (status.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        progress.finish(out, quiet);
        return Views.closed(session, cycleId);
      }
      try {
        CycleView view = CycleViews.live(client.queryStatus(cycleId));
        if (!quiet) {
          progress.show(view, out);
          showRetries(client.retrying(cycleId), progress);
        }
        boolean held = "AWAITING_APPROVAL".equals(view.status()) || "GATED".equals(view.status());
        if (held && (stopWhenHeld || view.pendingApproval() > 0)) {
          progress.finish(out, quiet);
          return view;
        }
      } catch (RuntimeException e) {
        // A query needs a worker; say so once and keep waiting rather than fail the command.
        if (!warnedNoWorker && !quiet) {
          out.println(
              "waiting: the cycle does not answer its status query; is a worker polling task queue '"
                  + session.config().taskQueue()
                  + "'? ("
                  + UserErrors.describe(e)
                  + ")");
          out.flush();
          warnedNoWorker = true;
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
