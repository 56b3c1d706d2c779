package io.recon.cli;

import io.recon.starter.CycleClient;
import io.recon.starter.StoredCycle;
import io.recon.starter.UnknownCycleException;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Decision;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recon approve} and {@code recon reject}: send the signal, then wait for the workflow's
 * decision on it and report what it accepted or refused.
 */
abstract class DecisionCommand implements Callable<Integer> {
  private static final long WAIT_MILLIS = 30_000;

  private final CliContext context;

  DecisionCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(paramLabel = "CYCLE", description = "The cycle's workflow id.")
  String cycleId;

  @Option(
      names = "--by",
      required = true,
      paramLabel = "NAME",
      description = "Who decides; must be one of the spec's approvers.")
  String approver;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the audit.")
  String reason;

  @Option(
      names = "--ids",
      split = ",",
      paramLabel = "ID",
      description = "Discrepancy ids (see recon report); default: everything pending.")
  List<String> ids;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  abstract String signalName();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      CycleClient client = session.cycleClient();
      if (!client.isRunning(cycleId)) {
        Optional<StoredCycle> stored = Views.settled(session, cycleId);
        if (stored.isPresent()) {
          StoredCycle c = stored.get();
          throw new IllegalArgumentException(
              "cycle '"
                  + cycleId
                  + "' is "
                  + c.status()
                  + (c.error() == null ? "" : " (" + c.error() + ")")
                  + "; there is nothing left to "
                  + signalName());
        }
        if (client.executionStatus(cycleId).isEmpty()) {
          throw new UnknownCycleException(cycleId);
        }
        throw new IllegalArgumentException(
            "cycle '" + cycleId + "' has finished; there is nothing left to " + signalName());
      }
      String requestId = UUID.randomUUID().toString();
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("approver", approver);
      if (reason != null) {
        payload.put("reason", reason);
      }
      if (ids != null && !ids.isEmpty()) {
        payload.put("ids", ids);
      }
      payload.put("requestId", requestId);
      client.signal(cycleId, signalName(), payload);
      Optional<Decision> decision = awaitDecision(client, requestId);
      if (decision.isEmpty()) {
        out.println(
            "sent '"
                + signalName()
                + "' to "
                + cycleId
                + "; the workflow has not answered yet (is a worker running?). Check: "
                + ShellQuote.command("recon", "status", cycleId));
        out.flush();
        return ExitCodes.PENDING;
      }
      Decision d = decision.get();
      if (d.accepted()) {
        out.printf(
            "%s accepted: %d repair%s %s by %s%n",
            signalName(),
            d.applied(),
            d.applied() == 1 ? "" : "s",
            ReconciliationWorkflow.APPROVE.equals(signalName()) ? "approved" : "rejected",
            approver);
        if (!d.refusedIds().isEmpty()) {
          out.println("not pending, so not decided: " + String.join(", ", d.refusedIds()));
        }
        out.flush();
        return ExitCodes.OK;
      }
      command.commandLine().getErr().println(signalName() + " refused: " + d.refusal());
      return ExitCodes.USAGE;
    }
  }

  private Optional<Decision> awaitDecision(CycleClient client, String requestId)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      try {
        CycleStatus status = client.queryStatus(cycleId);
        Optional<Decision> d =
            status.decisions().stream().filter(x -> requestId.equals(x.requestId())).findFirst();
        if (d.isPresent()) {
          return d;
        }
      } catch (RuntimeException e) {
        if (!client.isRunning(cycleId)) {
          return Optional.empty();
        }
      }
      Thread.sleep(300);
    }
    return Optional.empty();
  }

  @CommandLine.Command(
      name = "approve",
      header = "Approve held repairs of a cycle.",
      mixinStandardHelpOptions = true,
      description = {
        "Send the 'approve' signal and report what the workflow accepted or refused.",
        "Exits 0 when accepted, 2 when refused (approver not in the spec, ids not pending)."
      })
  static final class Approve extends DecisionCommand {
    Approve(CliContext context) {
      super(context);
    }

    @Override
    String signalName() {
      return ReconciliationWorkflow.APPROVE;
    }
  }

  @CommandLine.Command(
      name = "reject",
      header = "Reject held repairs of a cycle.",
      mixinStandardHelpOptions = true,
      description = {
        "Send the 'reject' signal and report what the workflow accepted or refused.",
        "Exits 0 when accepted, 2 when refused (approver not in the spec, ids not pending)."
      })
  static final class Reject extends DecisionCommand {
    Reject(CliContext context) {
      super(context);
    }

    @Override
    String signalName() {
      return ReconciliationWorkflow.REJECT;
    }
  }
}
