package io.recon.cli;

import io.recon.starter.CycleStore;
import io.recon.starter.StoredCycle;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon history SPEC}: a job's past cycles and the fields that drift most often. */
@Command(
    name = "history",
    header = "List a job's past cycles and its most drifting fields.",
    mixinStandardHelpOptions = true,
    description = {
      "List a job's recent cycles with their counts and durations, and the fields that",
      "drifted most often over them: recurring patterns point at the sync pipeline itself."
    })
final class HistoryCommand implements Callable<Integer> {
  private final CliContext context;

  HistoryCommand(CliContext context) {
    this.context = context;
  }

  @Parameters(paramLabel = "SPEC", description = "The job's name (the spec's 'name').")
  String specName;

  @Option(
      names = "--last",
      defaultValue = "20",
      description = "How many cycles (default ${DEFAULT-VALUE}).")
  int last;

  @Mixin JsonOption json;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  record History(String spec, List<StoredCycle> cycles, List<ReportSummary.FieldCount> topFields) {}

  @Override
  public Integer call() {
    if (last < 1) {
      throw new CommandLine.ParameterException(command.commandLine(), "--last must be at least 1");
    }
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      List<StoredCycle> cycles = new CycleStore(session.store()).recent(specName, last);
      List<ReportSummary.FieldCount> top =
          new ReportStore(session.store())
              .topFields(cycles.stream().map(StoredCycle::cycleId).toList(), 10);
      if (json.enabled) {
        out.println(Json.write(new History(specName, cycles, top)));
      } else if (cycles.isEmpty()) {
        out.println("no cycles of spec '" + specName + "' in the recon store");
      } else {
        out.printf(
            "%-44s %-10s %-11s %9s %10s %6s %6s %6s %6s%n",
            "CYCLE", "STATUS", "MODE", "DURATION", "COMPARED", "MISS", "ORPH", "MISM", "TRANS");
        for (StoredCycle c : cycles) {
          out.printf(
              Locale.ROOT,
              "%-44s %-10s %-11s %9s %,10d %6d %6d %6d %6d%n",
              c.cycleId(),
              c.status(),
              c.mode().toLowerCase(Locale.ROOT),
              duration(c),
              c.compared(),
              c.missing(),
              c.orphan(),
              c.mismatch(),
              c.transientCount());
        }
        if (!top.isEmpty()) {
          out.println();
          out.println("Fields that drift most often over these cycles");
          top.forEach(f -> out.printf(Locale.ROOT, "  %-60s %,8d%n", f.path(), f.count()));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static String duration(StoredCycle c) {
    if (c.finishedAt() == null) {
      return "-";
    }
    Duration d = Duration.between(c.startedAt(), c.finishedAt());
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : s >= 60
            ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
            : String.format(Locale.ROOT, "%d.%01ds", s, d.toMillisPart() / 100);
  }
}
