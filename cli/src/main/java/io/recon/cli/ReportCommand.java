package io.recon.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recon.core.canonical.Displays;
import io.recon.starter.CycleClient;
import io.recon.starter.UnknownCycleException;
import io.recon.starter.report.ReportItem;
import io.recon.starter.report.ReportStore;
import io.recon.starter.report.ReportSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recon report CYCLE}: a cycle's result from the recon store. */
@Command(
    name = "report",
    header = "Report a cycle's discrepancies and repairs from the recon store.",
    mixinStandardHelpOptions = true,
    description = {
      "Report a cycle from the recon store: counts by kind, severity and outcome, the fields",
      "that drift most, and every discrepancy. Exits 0 when nothing remains to repair, 3 when",
      "discrepancies remain or a decision is pending, 1 when the cycle failed, was cancelled or",
      "was abandoned."
    })
final class ReportCommand implements Callable<Integer> {
  private final CliContext context;

  ReportCommand(CliContext context) {
    this.context = context;
  }

  enum Format {
    table,
    json,
    csv
  }

  @Parameters(paramLabel = "CYCLE", description = "The cycle's workflow id.")
  String cycleId;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, json or csv (default ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description =
          "Items listed by the table form (default ${DEFAULT-VALUE}); json and csv list all.")
  int limit;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    try (Session session = context.session()) {
      ReportStore store = new ReportStore(session.store());
      ReportSummary summary =
          store.summary(cycleId, 10).orElseThrow(() -> new UnknownCycleException(cycleId));
      if ("RUNNING".equals(summary.status())) {
        summary = live(session.cycleClient(), summary);
      }
      switch (format) {
        case json -> json(summary, store, out);
        case csv -> csv(summary.cycle(), store, out);
        case table -> new ReportTable(out).print(summary, store, limit);
      }
      out.flush();
      return exitCode(summary);
    }
  }

  /**
   * The summary with the state its workflow says while it runs: the store's row says RUNNING while
   * the cycle awaits approval. A workflow that cannot be asked keeps the stored state.
   */
  private static ReportSummary live(CycleClient client, ReportSummary summary) {
    try {
      if (client.isRunning(summary.cycle())) {
        return summary.withStatus(client.queryStatus(summary.cycle()).state().name());
      }
    } catch (RuntimeException e) {
      // Temporal unreachable or the workflow closing now: the store's word is the report's.
    }
    return summary;
  }

  static int exitCode(ReportSummary s) {
    if ("FAILED".equals(s.status())
        || "CANCELLED".equals(s.status())
        || "ABANDONED".equals(s.status())) {
      return ExitCodes.FAILURE;
    }
    long persistent = s.discrepancies().values().stream().mapToLong(Long::longValue).sum();
    boolean open =
        "AWAITING_APPROVAL".equals(s.status())
            || "GATED".equals(s.status())
            || "RUNNING".equals(s.status());
    return open || persistent > s.repaired() ? ExitCodes.PENDING : ExitCodes.OK;
  }

  /** Writes the summary's fields, then streams the items array, all as one JSON object. */
  private static void json(ReportSummary summary, ReportStore store, PrintWriter out) {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      ObjectNode head = Json.MAPPER.valueToTree(summary);
      g.writeStartObject();
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = head.fields();
          it.hasNext(); ) {
        Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e = it.next();
        g.writeFieldName(e.getKey());
        g.writeTree(e.getValue());
      }
      g.writeArrayFieldStart("items");
      store.items(
          summary.cycle(),
          item -> {
            try {
              g.writeObject(item);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  private static void csv(String cycleId, ReportStore store, PrintWriter out) {
    out.println("id,key,kind,severity,fields,status,first_seen_at,last_seen_at,diffs");
    store.items(
        cycleId,
        item ->
            out.println(
                String.join(
                    ",",
                    item.id(),
                    csvField(Displays.escape(item.key().toString())),
                    item.kind(),
                    item.severity(),
                    csvField(String.join(";", item.fields())),
                    item.status(),
                    nullToEmpty(item.firstSeenAt()),
                    nullToEmpty(item.lastSeenAt()),
                    csvField(
                        String.join(
                            "; ",
                            item.diffs().stream().map(ReportItem.Diff::describe).toList())))));
  }

  /** RFC 4180: quote a field that holds a comma, a quote or a line break; double its quotes. */
  static String csvField(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
