package io.recon.cli;

import io.recon.starter.CycleClient;
import io.recon.starter.StoredCycle;
import io.recon.starter.UnknownCycleException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recon cancel CYCLE}: stops a running cycle through Temporal cancellation and waits until
 * it has closed CANCELLED, with who and why in the store and the audit.
 */
@Command(
    name = "cancel",
    header = "Cancel a running cycle.",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a running cycle: its activities stop at their next heartbeat (a repair after its",
      "current batch), the store row closes CANCELLED, and the audit records who and why. The",
      "job can start its next cycle at once.",
      "Exits 0 when the cycle is CANCELLED; 1 when it ended otherwise before the cancel took",
      "effect (or its workflow was lost: ABANDONED); 2 when the cycle is unknown or had already",
      "ended; 3 when the cancel was requested but the cycle has not stopped within --timeout."
    })
final class CancelCommand implements Callable<Integer> {
  private final CliContext context;

  CancelCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(paramLabel = "CYCLE", description = "The cycle's workflow id.")
  String cycleId;

  @Mixin OperatorOption actor;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the audit.")
  String reason;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long to wait for the cycle to stop (default ${DEFAULT-VALUE}).")
  int waitSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws InterruptedException {
    if (waitSeconds < 0) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "--timeout must be 0 or more seconds, not " + waitSeconds);
    }
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      CycleClient client = session.cycleClient();
      if (!client.isRunning(cycleId)) {
        return notRunning(session, out);
      }
      boolean requested = client.cancel(cycleId, actor.name(), reason);
      if (requested && !awaitClosed(client)) {
        out.println(
            "cancel requested for "
                + cycleId
                + "; it has not stopped yet (is a worker running?). Check: recon status "
                + cycleId);
        out.flush();
        return ExitCodes.PENDING;
      }
      Optional<StoredCycle> stored = Views.settled(session, cycleId);
      if (stored.isEmpty()) {
        // Cancelled, or refused (another cycle of the job was open), before the store knew it.
        boolean cancelled =
            client
                .executionStatus(cycleId)
                .map(x -> x == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED)
                .orElse(false);
        out.println(
            cycleId
                + (cancelled
                    ? " CANCELLED before it opened; nothing was compared"
                    : " ended before the store recorded it; nothing was compared"));
        out.flush();
        return cancelled ? ExitCodes.OK : ExitCodes.FAILURE;
      }
      StoredCycle c = stored.get();
      if ("CANCELLED".equals(c.status())) {
        out.println(cycleId + " CANCELLED: " + c.error());
        out.flush();
        return ExitCodes.OK;
      }
      command
          .commandLine()
          .getErr()
          .println(
              "recon: "
                  + cycleId
                  + " ended "
                  + c.status()
                  + " before the cancel took effect"
                  + (c.error() == null ? "" : " (" + c.error() + ")"));
      return ExitCodes.FAILURE;
    }
  }

  /** The cycle is not running: unknown, ended already, or lost (closed ABANDONED now). */
  private int notRunning(Session session, PrintWriter out) {
    Optional<StoredCycle> before = session.cycles().find(cycleId);
    Optional<StoredCycle> stored = Views.settled(session, cycleId);
    if (stored.isEmpty()) {
      if (session.cycleClient().executionStatus(cycleId).isEmpty()) {
        throw new UnknownCycleException(cycleId);
      }
      throw new IllegalArgumentException(
          "cycle '" + cycleId + "' has finished; there is nothing left to cancel");
    }
    StoredCycle c = stored.get();
    boolean abandonedNow =
        "ABANDONED".equals(c.status())
            && before.isPresent()
            && !"ABANDONED".equals(before.get().status());
    if (abandonedNow) {
      command
          .commandLine()
          .getErr()
          .println(
              "recon: " + cycleId + " was not running; closed it ABANDONED (" + c.error() + ")");
      return ExitCodes.FAILURE;
    }
    throw new IllegalArgumentException(
        "cycle '"
            + cycleId
            + "' is "
            + c.status()
            + (c.error() == null ? "" : " (" + c.error() + ")")
            + "; there is nothing left to cancel");
  }

  /** Waits until the workflow has closed (real time, bounded by --timeout). */
  private boolean awaitClosed(CycleClient client) throws InterruptedException {
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    while (true) {
      Optional<WorkflowExecutionStatus> s = client.executionStatus(cycleId);
      if (s.isEmpty() || s.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(200);
    }
  }
}
