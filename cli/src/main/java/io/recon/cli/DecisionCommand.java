package io.recon.cli;

import io.recon.core.canonical.Displays;
import io.recon.starter.CycleClient;
import io.recon.starter.StoredCycle;
import io.recon.starter.UnknownCycleException;
import io.recon.workflows.approval.Verdict;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.io.PrintWriter;
import java.time.Duration;
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
 * {@code recon approve} and {@code recon reject}: send the {@code decide} update and report the
 * verdict, what the workflow accepted and what it refused and why.
 */
abstract class DecisionCommand implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofSeconds(30);

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
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("action", signalName());
      request.put("approver", approver);
      if (reason != null) {
        request.put("reason", reason);
      }
      if (ids != null && !ids.isEmpty()) {
        request.put("ids", ids);
      }
      request.put("requestId", requestId);
      Optional<Verdict> answer = client.decide(cycleId, request, WAIT);
      if (answer.isEmpty()) {
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
      return print(answer.get(), out, command.commandLine().getErr());
    }
  }

  /**
   * Prints the verdict: accepted with what it decided on stdout, refusals on stderr. Exit 0 when
   * everything it named was decided, 2 when it or any id it named was refused.
   */
  private int print(Verdict v, PrintWriter out, PrintWriter err) {
    if (v.accepted()) {
      out.printf(
          "%s accepted: %d repair%s %s by %s%n",
          signalName(),
          v.applied(),
          v.applied() == 1 ? "" : "s",
          ReconciliationWorkflow.APPROVE.equals(signalName()) ? "approved" : "rejected",
          Displays.escape(v.approver()));
      if (!v.decided().isEmpty()) {
        out.println("decided: " + String.join(", ", v.decided()));
      }
      out.flush();
      v.refused().forEach(r -> err.println("not decided: " + r.id() + " (" + r.reason() + ")"));
      err.flush();
      return v.refused().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }
    err.println(signalName() + " refused: " + Displays.escape(v.refusal()));
    v.refused().stream()
        .filter(r -> !r.reason().equals(v.refusal()))
        .forEach(r -> err.println("not decided: " + r.id() + " (" + r.reason() + ")"));
    err.flush();
    return ExitCodes.USAGE;
  }

  @CommandLine.Command(
      name = "approve",
      header = "Approve held repairs of a cycle.",
      mixinStandardHelpOptions = true,
      description = {
        "Send the 'decide' update and report what the workflow accepted or refused.",
        "Exits 0 when accepted, 2 when it or any id it names is refused (approver not in the",
        "spec, ids not pending), 3 when the workflow has not answered in 30 s."
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
        "Send the 'decide' update and report what the workflow accepted or refused.",
        "Exits 0 when accepted, 2 when it or any id it names is refused (approver not in the",
        "spec, ids not pending), 3 when the workflow has not answered in 30 s."
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
