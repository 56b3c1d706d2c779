package io.recon.cli;

import io.recon.core.canonical.Displays;
import io.recon.core.config.ReconConfig;
import io.recon.starter.view.CycleView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How a cycle's outcome reads to an operator, and the exit code it maps to. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * 0 in sync or all repaired; 1 failed, cancelled or abandoned (the cycle gave no complete
   * answer); 3 discrepancies remain or a decision is pending.
   */
  static int exitCode(CycleView v) {
    return switch (v.status()) {
      case "FAILED", "CANCELLED", "ABANDONED" -> ExitCodes.FAILURE;
      case "AWAITING_APPROVAL", "GATED", "RUNNING" -> ExitCodes.PENDING;
      default -> remaining(v) == 0 ? ExitCodes.OK : ExitCodes.PENDING;
    };
  }

  /** Persistent discrepancies that were not repaired. */
  static long remaining(CycleView v) {
    return Math.max(0, v.totalDiscrepancies() - v.repaired());
  }

  static void describe(CycleView v, ReconConfig config, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s %s: %,d compared; missing %d, orphan %d, mismatch %d, duplicate key %d,"
            + " invalid key %d; transient %d;"
            + " repaired %d%n",
        v.cycle(),
        v.status(),
        v.compared(),
        v.discrepancies().getOrDefault("missing", 0L),
        v.discrepancies().getOrDefault("orphan", 0L),
        v.discrepancies().getOrDefault("mismatch", 0L),
        v.discrepancies().getOrDefault("duplicate_key", 0L),
        v.discrepancies().getOrDefault("invalid_key", 0L),
        v.transientCount(),
        v.repaired());
    if (v.message() != null && !v.message().isBlank()) {
      out.println(Displays.escape(v.message()));
    }
    if ("AWAITING_APPROVAL".equals(v.status()) || "GATED".equals(v.status())) {
      out.printf(
          Locale.ROOT, "%d repairs wait for a decision. Approve with:%n", v.pendingApproval());
      out.println(
          "  "
              + ShellQuote.command("recon", "approve", v.cycle(), "--by", "NAME")
              + " --reason TEXT [--ids ID...]");
      out.println("  " + temporalSignal(v.cycle(), config));
      out.println("Reject with 'recon reject' or '--name reject' likewise.");
    }
  }

  /** The {@code temporal workflow signal} command that approves, every word shell-quoted. */
  public static String temporalSignal(String cycleId, ReconConfig config) {
    var words = new java.util.ArrayList<String>(List.of("temporal", "workflow", "signal"));
    if (!ReconConfig.DEFAULT_TEMPORAL_ADDRESS.equals(config.temporalAddress())) {
      words.addAll(List.of("--address", config.temporalAddress()));
    }
    if (!ReconConfig.DEFAULT_NAMESPACE.equals(config.temporalNamespace())) {
      words.addAll(List.of("--namespace", config.temporalNamespace()));
    }
    words.addAll(
        List.of(
            "--workflow-id",
            cycleId,
            "--name",
            "approve",
            "--input",
            "{\"approver\": \"NAME\", \"reason\": \"TEXT\"}"));
    return ShellQuote.command(words.toArray(String[]::new));
  }
}
