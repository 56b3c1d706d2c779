package io.recon.cli;

import com.mongodb.client.MongoClient;
import io.recon.activities.repair.RollbackResult;
import io.recon.activities.repair.RollbackService;
import io.recon.activities.support.Connections;
import io.recon.starter.UnknownCycleException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon rollback CYCLE}: restores the before-images of a cycle's repairs. */
@Command(
    name = "rollback",
    header = "Restore the before-images of a cycle's repairs.",
    mixinStandardHelpOptions = true,
    description = {
      "Undo a cycle's applied repairs from their stored before-images, each only if the",
      "document is still as the repair left it; one changed since is skipped and reported.",
      "Every step is audited. Exits 0 when all were rolled back, 3 when some were skipped, 5",
      "when retention pruned a before-image (or the cycle's repairs): that rollback can no",
      "longer run, and the line says when and under which window."
    })
final class RollbackCommand implements Callable<Integer> {
  private final CliContext context;

  RollbackCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(paramLabel = "CYCLE", description = "The cycle's workflow id.")
  String cycleId;

  @Option(
      names = "--ids",
      split = ",",
      paramLabel = "ID",
      description = "Discrepancy ids whose repairs to undo (default: all of the cycle's).")
  List<String> ids;

  @Mixin OperatorOption actor;

  @Mixin JsonOption json;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      if (session.cycles().find(cycleId).isEmpty()) {
        throw new UnknownCycleException(cycleId);
      }
      RollbackResult result;
      try (MongoClient mongo = Connections.mongo(session.config().mongo())) {
        result =
            new RollbackService(session.store(), mongo, session.auditCipher())
                .rollback(cycleId, ids == null ? List.of() : ids, actor.name());
      }
      if (json.enabled) {
        out.println(Json.write(result));
      } else {
        for (RollbackResult.Outcome o : result.outcomes()) {
          out.printf(
              "%-8d %-12s %s%n",
              o.discrepancyId(), o.status(), o.reason() == null ? "" : o.reason());
        }
        out.printf(
            "rolled back %d, skipped %d%s%n",
            result.rolledBack(),
            result.skipped(),
            result.pruned() == 0 ? "" : ", pruned by retention " + result.pruned());
      }
      out.flush();
      if (result.pruned() > 0) {
        return ExitCodes.PRUNED;
      }
      return result.skipped() == 0 ? ExitCodes.OK : ExitCodes.PENDING;
    }
  }
}
