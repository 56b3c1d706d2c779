package io.recon.cli.bench;

import com.mongodb.client.MongoClient;
import io.recon.activities.support.Connections;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.JobSpec;
import io.recon.embedded.EmbeddedMongoEngine;
import io.recon.embedded.EmbeddedPostgresEngine;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The floor's four reads alone, for working on the readers: the bench's dataset on embedded
 * PostgreSQL and mongo-java-server (no Temporal, no worker), then {@code rounds} interleaved rounds
 * of the raw source read, {@link io.recon.activities.source.SourceReader}, the raw target read and
 * {@link io.recon.activities.mongo.TargetReader}, exactly as {@link Floor} reads them. It prints
 * each line's best and median round, in wall time and in the reading thread's CPU time, the median
 * of what the reading thread allocates, the young collections during the line and their pause time
 * (they stop the reading thread, which its CPU time does not show), and each reader's ratio to its
 * bare read; it asserts nothing timed.
 *
 * <pre>
 * java -cp dev/target/recon-dev.jar io.recon.cli.bench.ReaderFloor [records] [rounds] [only]
 * </pre>
 *
 * {@code only} (one of {@code raw-source}, {@code source}, {@code raw-target}, {@code target})
 * repeats that read alone, for a profile of it (JFR: {@code
 * -XX:StartFlightRecording=filename=f.jfr,settings=profile}).
 */
public final class ReaderFloor {
  private ReaderFloor() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    String only = args.length > 2 ? args[2] : null;
    try (EmbeddedPostgresEngine postgres = EmbeddedPostgresEngine.startEphemeral();
        EmbeddedMongoEngine mongoEngine = EmbeddedMongoEngine.startEphemeral()) {
      ReconConfig config =
          ReconConfig.fromEnv(
              Map.of(
                  ReconConfig.RECON_SOURCE_URL,
                  postgres.jdbcUrl(),
                  ReconConfig.RECON_MONGO_URI,
                  mongoEngine.uri()));
      try (var source = Connections.readOnlyPostgres(config.source(), "reader-floor", 4);
          var fixture = Connections.postgres(config.source(), "reader-floor-fixture", 2);
          MongoClient mongo = Connections.mongo(config.mongo())) {
        BenchData.seedSource(fixture, BenchSpec.TABLE, records);
        BenchData.seedTarget(
            mongo.getDatabase(BenchSpec.DATABASE), BenchSpec.COLLECTION, records, 0.01);
        JobSpec spec = BenchSpec.of(16, 4, List.of());
        run(new Floor(source, mongo, spec), rounds, only);
      }
    }
  }

  private static final String[] LINES = {"raw-source", "source", "raw-target", "target"};

  private static void run(Floor floor, int rounds, String only) throws Exception {
    double[][] seconds = new double[LINES.length][rounds];
    // The reading thread's own CPU: the client's share of a read, which a loaded machine's waits
    // for a core do not inflate (the servers' work is in other threads and processes).
    double[][] cpu = new double[LINES.length][rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] counts = new long[LINES.length];
    // What the read allocates on its thread, and the collections and their pause time during it:
    // a collection stops the reading thread, which its CPU time does not show.
    double[][] allocated = new double[LINES.length][rounds];
    double[][] gcs = new double[LINES.length][rounds];
    double[][] gcSeconds = new double[LINES.length][rounds];
    var allocation = (com.sun.management.ThreadMXBean) threads;
    long thread = Thread.currentThread().getId();
    // One uncounted round, so that no line is measured with a cold JIT.
    for (int line = 0; line < LINES.length; line++) {
      read(floor, line);
    }
    for (int round = 0; round < rounds; round++) {
      for (int line = 0; line < LINES.length; line++) {
        if (only != null && !LINES[line].equals(only)) {
          continue;
        }
        long[] gc = collections();
        long bytes = allocation.getThreadAllocatedBytes(thread);
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        counts[line] = read(floor, line);
        seconds[line][round] = Floor.seconds(t);
        cpu[line][round] = (threads.getCurrentThreadCpuTime() - c) / 1e9;
        allocated[line][round] = (allocation.getThreadAllocatedBytes(thread) - bytes) / 1e6;
        long[] after = collections();
        gcs[line][round] = after[0] - gc[0];
        gcSeconds[line][round] = (after[1] - gc[1]) / 1e3;
      }
    }
    for (int line = 0; line < LINES.length; line++) {
      if (only != null && !LINES[line].equals(only)) {
        continue;
      }
      double[] s = seconds[line].clone();
      Arrays.sort(s);
      System.out.printf(
          Locale.ROOT,
          "%-11s %,9d  best %.3f s  median %.3f s  thread CPU best %.3f s  median %.3f s%n",
          LINES[line],
          counts[line],
          s[0],
          s[s.length / 2],
          min(cpu[line]),
          median(cpu[line]));
      System.out.printf(
          Locale.ROOT,
          "%-11s allocated median %,.0f MB  collections median %.0f (%.3f s), in all %d rounds"
              + " %.0f (%.3f s)%n",
          "",
          median(allocated[line]),
          median(gcs[line]),
          median(gcSeconds[line]),
          rounds,
          Arrays.stream(gcs[line]).sum(),
          Arrays.stream(gcSeconds[line]).sum());
    }
    if (only == null) {
      System.out.printf(
          Locale.ROOT,
          "SourceReader / raw: best %.2fx, median %.2fx; TargetReader / raw: best %.2fx, median"
              + " %.2fx%n",
          min(seconds[1]) / min(seconds[0]),
          median(seconds[1]) / median(seconds[0]),
          min(seconds[3]) / min(seconds[2]),
          median(seconds[3]) / median(seconds[2]));
      System.out.printf(
          Locale.ROOT,
          "thread CPU: SourceReader / raw: best %.2fx, median %.2fx; TargetReader / raw: best"
              + " %.2fx, median %.2fx%n",
          min(cpu[1]) / min(cpu[0]),
          median(cpu[1]) / median(cpu[0]),
          min(cpu[3]) / min(cpu[2]),
          median(cpu[3]) / median(cpu[2]));
    }
  }

  /** The collections so far and their time in ms, over every collector of this JVM. */
  private static long[] collections() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static long read(Floor floor, int line) throws Exception {
    return switch (line) {
      case 0 -> floor.rawSource();
      case 1 -> floor.readSource();
      case 2 -> floor.rawTarget();
      default -> floor.readTarget();
    };
  }

  private static double min(double[] s) {
    return Arrays.stream(s).min().orElseThrow();
  }

  private static double median(double[] s) {
    double[] c = s.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
