package io.recon.cli;

import io.recon.workflows.cycle.CycleStatus;
import java.io.PrintWriter;
import java.util.Locale;

/** Live progress of a cycle: a redrawn bar on a terminal, a line per change elsewhere. */
final class Progress {
  private static final int WIDTH = 30;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private String lastLine = "";
  private boolean drawn;

  Progress(boolean terminal) {
    this.terminal = terminal;
  }

  void show(CycleStatus v, PrintWriter out) {
    double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
    long rate = Math.round(v.compared() / seconds);
    String counts =
        String.format(
            Locale.ROOT,
            "%d/%d ranges  %,d compared  %,d rec/s  %,d discrepancies  %s",
            v.rangesDone(),
            v.rangesTotal(),
            v.compared(),
            rate,
            v.totalDiscrepancies(),
            v.phase() == null ? v.status() : v.phase().toLowerCase(Locale.ROOT));
    if (terminal) {
      int filled = v.rangesTotal() == 0 ? 0 : WIDTH * v.rangesDone() / v.rangesTotal();
      out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + counts + "   ");
      drawn = true;
      out.flush();
    } else {
      // Plain lines only when something moved, so a log file stays readable.
      String line = v.phase() + " " + v.rangesDone() + "/" + v.rangesTotal();
      if (!line.equals(lastLine)) {
        out.println(counts);
        out.flush();
        lastLine = line;
      }
    }
  }

  /** Ends a drawn bar's line so that a message can be printed below it; the bar redraws next. */
  void interrupt(PrintWriter out) {
    if (terminal && drawn) {
      out.println();
      drawn = false;
    }
  }

  void finish(PrintWriter out, boolean quiet) {
    if (terminal && drawn && !quiet) {
      out.println();
      out.flush();
    }
  }
}
