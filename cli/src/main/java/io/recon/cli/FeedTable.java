package io.recon.cli;

import io.recon.activities.store.FeedStore;
import io.recon.core.canonical.Displays;
import io.recon.workflows.feed.FeedStatus;
import java.io.PrintWriter;

/** The human form of {@code recon feed status}. */
final class FeedTable {
  private FeedTable() {}

  static void print(FeedStatus s, FeedStore.FeedRow row, PrintWriter out) {
    out.printf(
        "feed %s   %s   spec version %s%n",
        s.name(), s.status(), s.specVersion() == null ? "inline" : s.specVersion());
    out.printf("started by %s at %s%n", shown(s.startedBy()), s.startedAt());
    if (row != null && row.stoppedBy() != null && !"RUNNING".equals(s.status())) {
      out.printf(
          "stopped by %s at %s%s%n",
          shown(row.stoppedBy()),
          row.stoppedAt(),
          row.stopReason() == null ? "" : ": " + shown(row.stopReason()));
    }
    if (s.error() != null) {
      out.printf("error: %s%n", shown(s.error()));
    }
    var src = s.source();
    out.printf(
        "source: cursor %s, lag %s, %s behind, retained WAL %s, %d changes%n",
        src.cursor() == null ? "none yet" : shown(src.cursor()),
        bytes(src.lagBytes()),
        src.lagMillis() < 0 ? "unknown" : src.lagMillis() + " ms",
        bytes(src.retainedWalBytes()),
        src.changes());
    var t = s.target();
    if (t.supported()) {
      out.printf(
          "target: change stream, resume token %s, %d changes%n",
          t.cursor() == null ? "none yet" : "stored", t.changes());
    } else {
      out.printf(
          "target: no change streams on this server (%s); relying on the scheduled full cycle%n",
          t.unsupported() == null ? "not known yet" : shown(t.unsupported()));
    }
    out.printf("keys waiting: %d%n", s.keysWaiting());
    var c = s.cycles();
    out.printf(
        "key-set cycles: %d in flight, %d completed, %d keys reconciled, max change-to-verdict %s%n",
        c.inFlight(),
        c.completed(),
        c.keysReconciled(),
        c.completed() == 0 ? "n/a" : c.maxLatencyMillis() + " ms");
    if (c.lastCycleId() != null || c.lastOutcome() != null) {
      out.printf(
          "last cycle: %s %s%n",
          c.lastCycleId() == null ? "-" : c.lastCycleId(),
          c.lastOutcome() == null ? "" : shown(c.lastOutcome()));
    }
    if (s.stopRefused() != null) {
      out.printf("last stop refused: %s%n", shown(s.stopRefused()));
    }
  }

  private static String bytes(long n) {
    if (n < 0) {
      return "unknown";
    }
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }

  private static String shown(String text) {
    String e = Displays.escape(text);
    return e.length() <= 300 ? e : e.substring(0, 299) + "…";
  }
}
