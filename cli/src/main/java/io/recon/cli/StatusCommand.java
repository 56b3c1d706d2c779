package io.recon.cli;

import io.recon.core.canonical.Displays;
import io.recon.starter.CycleClient;
import io.recon.starter.UnknownCycleException;
import io.recon.workflows.cycle.CycleStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code recon status CYCLE}: the live status query, or the stored result of a closed cycle. */
@Command(
    name = "status",
    header = "Show a cycle's status, live or stored.",
    mixinStandardHelpOptions = true,
    description = {
      "Show a cycle's status: live from its workflow while it runs, from the recon store after.",
      "A cycle the store records open but whose workflow is lost is closed as ABANDONED first.",
      "Exits 0 in sync or all repaired, 1 failed, cancelled or abandoned, 3 discrepancies remain",
      "or a decision is pending."
    })
final class StatusCommand implements Callable<Integer> {
  private final CliContext context;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(paramLabel = "CYCLE", description = "The cycle's workflow id.")
  String cycleId;

  @Mixin JsonOption json;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      CycleClient client = session.cycleClient();
      Optional<WorkflowExecutionStatus> status = client.executionStatus(cycleId);
      CycleStatus view;
      if (status.isPresent()
          && status.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        view = client.queryStatus(cycleId).withRetrying(client.retrying(cycleId));
      } else if (status.isPresent() || session.cycles().find(cycleId).isPresent()) {
        // A stored cycle whose workflow is lost is closed as ABANDONED here, then shown.
        view = Views.closed(session, cycleId);
      } else {
        throw new UnknownCycleException(cycleId);
      }
      if (json.enabled) {
        out.println(Json.write(view));
      } else {
        out.printf(
            "%s  spec %s  mode %s  %s%s%n",
            view.cycle(),
            view.spec(),
            view.mode(),
            view.status(),
            view.phase() == null ? "" : " (" + view.phase().toLowerCase() + ")");
        out.printf("ranges %d/%d%n", view.rangesDone(), view.rangesTotal());
        if (view.retrying() != null) {
          view.retrying().forEach(r -> out.println(r.describe()));
        }
        Outcomes.describe(view, session.config(), out);
        printPending(view, out);
        view.decisions()
            .forEach(
                d ->
                    out.printf(
                        "%s by %s: %s%n",
                        d.action(),
                        // Anyone who may signal can claim any name: shown escaped.
                        Displays.escape(d.approver()),
                        d.accepted()
                            ? "accepted, " + d.applied() + " decided"
                            : "refused: " + Displays.escape(d.refusal())));
      }
      out.flush();
      return Outcomes.exitCode(view);
    }
  }

  /** The items awaiting a decision, with the ids {@code recon approve --ids} takes. */
  private static void printPending(CycleStatus view, PrintWriter out) {
    var pending = view.pending();
    if (pending.total() == 0) {
      return;
    }
    out.printf(
        "pending approval: %d%s%n",
        pending.total(),
        pending.items().size() < pending.total()
            ? " (first " + pending.items().size() + " shown)"
            : "");
    for (var item : pending.items()) {
      out.printf(
          "  %s  %s %s  %s%n",
          item.id(), item.kind(), item.severity(), Displays.shorten(Json.write(item.key())));
      // Values are escaped and cut already (Displays.shorten), in the store and the activity.
      item.diffs().forEach(d -> out.printf("    %s: %s -> %s%n", d.path(), d.source(), d.target()));
    }
  }
}
