package io.recon.cli;

import io.recon.activities.retention.GlobalRetention;
import io.recon.activities.retention.PruneReport;
import io.recon.activities.retention.PruneRequest;
import io.recon.activities.retention.Pruner;
import io.recon.core.canonical.Displays;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jooq.exception.DataAccessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon prune}: removes what is past retention, without breaking the audit chain. */
@Command(
    name = "prune",
    header = "Delete what is past retention, keeping the audit chain verifiable.",
    mixinStandardHelpOptions = true,
    description = {
      "Per spec (its retention:, else RECON_RETENTION_*): clears repair before-images past",
      "beforeImages, deletes settled discrepancies and their repairs past discrepancies (never",
      "open or held ones), and deletes audit rows past audit after sealing them with a",
      "checkpoint. Each batch is one transaction with its own retention.pruned audit event; a",
      "killed run is resumed by the next. Connects as RECON_PRUNER_USER.",
      "Exits 0 when everything past retention is gone (or, with --dry-run, was counted); 2 for",
      "an unknown --spec or a retention that breaks a rule (that spec is skipped); 3 when",
      "--max-batches stopped the run with more to prune."
    })
final class PruneCommand implements Callable<Integer> {
  private final CliContext context;

  PruneCommand(CliContext context) {
    this.context = context;
  }

  @Option(names = "--dry-run", description = "Count what would go; change nothing.")
  boolean dryRun;

  @Option(names = "--spec", paramLabel = "NAME", description = "Prune only this job's records.")
  String specName;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "" + PruneRequest.DEFAULT_BATCH_SIZE,
      description = "Rows one batch (one transaction) removes at most (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-batches",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N batches, to bound one run; 0 means no limit (the default).")
  int maxBatches;

  @Mixin OperatorOption actor;

  @Mixin JsonOption json;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PruneRequest request;
    try {
      request = new PruneRequest(specName, dryRun, actor.name(), batchSize, maxBatches);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
    try (Session session = context.session()) {
      Pruner pruner =
          new Pruner(session.pruner(), Clock.systemUTC(), GlobalRetention.from(session.config()));
      PruneReport report;
      try {
        report = pruner.prune(request);
      } catch (DataAccessException e) {
        if (!"42501".equals(e.sqlState())) {
          throw e;
        }
        // The writer login may not delete: say which login and how to give it the pruner role.
        throw new IllegalStateException(
            "the store login "
                + session.prunerLogin()
                + " may not prune ("
                + UserErrors.describe(e)
                + "): grant it recon_pruner (schema roles.sql) and set RECON_PRUNER_USER",
            e);
      }
      if (json.enabled) {
        out.println(Json.write(report));
      } else {
        print(report, out);
      }
      out.flush();
      if (report.anyProblem()) {
        return ExitCodes.USAGE;
      }
      return report.complete() ? ExitCodes.OK : ExitCodes.PENDING;
    }
  }

  private static void print(PruneReport report, PrintWriter out) {
    String verb = report.dryRun() ? "would prune" : "pruned";
    if (report.specs().isEmpty()) {
      out.println("nothing to prune: the store holds no spec's records");
    }
    for (PruneReport.SpecPrune s : report.specs()) {
      String spec = Displays.escape(s.spec());
      if (s.problem() != null) {
        out.printf("spec %s: %s%n", spec, Displays.escape(s.problem()));
        continue;
      }
      out.printf(
          "spec %s (discrepancies %s, beforeImages %s, audit %s): %s %d discrepancies with %d"
              + " repairs, %d before-images, %d audit rows%s%n",
          spec,
          window(s.discrepanciesWindow()),
          window(s.beforeImagesWindow()),
          window(s.auditWindow()),
          verb,
          s.discrepancies(),
          s.repairs(),
          s.beforeImages(),
          s.auditRows(),
          s.checkpoint() > 0 ? " (sealed by checkpoint " + s.checkpoint() + ")" : "");
    }
    if (report.dryRun()) {
      out.println("dry run: nothing was changed");
    } else if (!report.complete()) {
      out.printf(
          "stopped after %d batches with more past retention; run recon prune again to go on%n",
          report.batches());
    } else {
      out.printf("prune complete: %d batches%n", report.batches());
    }
  }

  private static String window(String w) {
    return w == null ? "forever" : w;
  }
}
