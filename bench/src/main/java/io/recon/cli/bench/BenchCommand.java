package io.recon.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.recon.cli.CliContext;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon bench}: measures a cycle against the floor of reading both sides once, in the same
 * run on the same data, and prints the figures. A benchmark prints numbers; it asserts nothing.
 */
@Command(
    name = "bench",
    header = "Measure cycles against the floor of reading both sides once.",
    mixinStandardHelpOptions = true,
    description = {
      "Seed N records with planted divergences (embedded engines on free ports, or with",
      "--external the engines of TEMPORAL_ADDRESS, RECON_SOURCE_URL and RECON_MONGO_URI), read",
      "both sides once with the cycle's readers (the floor), then time a full detection cycle,",
      "the same with one partition, a cycle with automatic repair of low severities and an",
      "incremental cycle after 1%% of rows change, with the worker in its own JVM whose heap is",
      "sampled with jstat; then the detection cycle again at 4N for memory.",
      "Prints a table and writes the same figures to bench/results/bench-<time>.json."
    })
public final class BenchCommand implements Callable<Integer> {
  private final CliContext context;

  BenchCommand(CliContext context) {
    this.context = context;
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Option(
      names = "--records",
      defaultValue = "1000000",
      description = "N (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--divergence",
      defaultValue = "0.01",
      description = "Share of records planted with a divergence (default ${DEFAULT-VALUE}).")
  double divergence;

  @Option(names = "--partitions", defaultValue = "16", description = "Default ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--parallelism", defaultValue = "4", description = "Default ${DEFAULT-VALUE}.")
  int parallelism;

  @Option(
      names = "--worker-xmx",
      defaultValue = "256m",
      description = "Heap of the worker JVM (default ${DEFAULT-VALUE}).")
  String workerXmx;

  @Option(
      names = "--worker-jvm-options",
      defaultValue = "",
      description = "More JVM options for the worker, space-separated (e.g. JFR).")
  String workerJvmOptions;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description =
          "Scale-out: after the first cycles, run the detection cycle again with 2 up to this many"
              + " worker processes on the task queue (default ${DEFAULT-VALUE}: no scale-out).")
  int workers;

  @Option(
      names = "--sticky",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Workers keep their workflows cached (sticky execution), as on a real cluster; the"
              + " embedded Temporal server has no fallback for a dead sticky worker, which the"
              + " bench never kills. --no-sticky replays each workflow task and query from the"
              + " history instead (default: sticky).")
  boolean sticky;

  @Option(
      names = "--warm-up-rounds",
      defaultValue = "0",
      description =
          "Cycles of the 20,000-row warm-up job each worker runs before anything is measured; 0"
              + " (the default) runs at least 3, then until the worker's JIT compiles for under 10%"
              + " of its CPU in one, at most 12.")
  int warmUpRounds;

  @Option(names = "--skip-4n", description = "Skip the 4N memory run.")
  boolean skip4n;

  @Option(names = "--external", description = "Use the engines the environment points at.")
  boolean external;

  @Option(
      names = "--cycle-timeout",
      defaultValue = "PT60M",
      description = "Terminate a cycle that runs longer (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration cycleTimeout;

  @Option(
      names = "--results",
      defaultValue = "bench/results",
      description = "Directory of the JSON results and worker logs (default ${DEFAULT-VALUE}).")
  Path results;

  @CommandLine.ArgGroup(exclusive = false, heading = "Continuous mode (--feed):%n")
  FeedOptions feedOptions;

  /** The options of {@code --feed}: the feed under a steady write load, instead of the cycles. */
  static final class FeedOptions {
    @Option(
        names = "--feed",
        required = true,
        description = "Measure the continuous mode (recon feed) under a write load instead.")
    boolean feed;

    @Option(
        names = "--feed-records",
        defaultValue = "100000",
        description = "Rows seeded before the load (default ${DEFAULT-VALUE}).")
    long records;

    @Option(
        names = "--feed-rate",
        defaultValue = "1000",
        description = "Source changes per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--feed-duration",
        defaultValue = "PT60S",
        description = "How long the load runs (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
        names = "--feed-planted",
        defaultValue = "0.01",
        description = "Share of changes that never reach the copy (default ${DEFAULT-VALUE}).")
    double planted;

    @Option(
        names = "--feed-window",
        defaultValue = "PT5S",
        description = "The spec's feed.window (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(
        names = "--feed-batch",
        defaultValue = "10000",
        description = "The spec's feed.batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
        names = "--feed-cycles",
        defaultValue = "3",
        description =
            "The spec's feed.cycles: key-set cycles in flight at once (default ${DEFAULT-VALUE}).")
    int cycles;

    @Option(
        names = "--feed-tx-size",
        defaultValue = "20",
        description =
            "Changes per source transaction of the load (default ${DEFAULT-VALUE}: 50"
                + " transactions a second at 1,000 changes/s).")
    int txSize;

    @Option(
        names = "--feed-settle",
        defaultValue = "PT2S",
        description = "The spec's settle (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(
        names = "--feed-chaos",
        description =
            "Kill the worker (SIGKILL) a third of the way through and replace it, and restart"
                + " PostgreSQL (source, slot and store) two thirds of the way through.")
    boolean chaos;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    if (feedOptions != null && feedOptions.feed) {
      return feed();
    }
    List<String> jvm =
        workerJvmOptions.isBlank()
            ? List.of()
            : Arrays.asList(workerJvmOptions.trim().split("\\s+"));
    var options =
        new BenchOptions(
            records,
            divergence,
            partitions,
            parallelism,
            workerXmx,
            jvm,
            skip4n,
            external,
            cycleTimeout,
            workers,
            sticky,
            warmUpRounds);
    PrintWriter out = command.commandLine().getOut();
    Instant start = Instant.now();
    String stamp = STAMP.format(start);
    var engines = new LinkedHashMap<String, String>();
    var notes = notes(external);
    var datasets = new BenchRun(options, out, results, stamp, context.env()).run(engines, notes);
    var report =
        new BenchReport(
            start.toString(),
            machine(),
            engines,
            new BenchReport.Options(
                records, divergence, partitions, parallelism, workerXmx, external, sticky),
            datasets,
            Targets.check(datasets, workerXmx),
            notes);
    new BenchTable(out).print(report);
    Path file = results.resolve("bench-" + stamp + ".json");
    Files.createDirectories(results);
    Files.writeString(file, json(report));
    out.println("figures written to " + file);
    out.flush();
    return 0;
  }

  private int feed() throws Exception {
    FeedOptions f = feedOptions;
    if (f.rate < 1 || f.records < 1 || f.planted < 0 || f.planted >= 1 || f.batch < 1) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "--feed-rate, --feed-records and --feed-batch must be >= 1 and --feed-planted in [0, 1)");
    }
    if (f.txSize < 1) {
      throw new CommandLine.ParameterException(
          command.commandLine(), "--feed-tx-size must be >= 1, got " + f.txSize);
    }
    if (f.cycles < 1 || f.cycles > io.recon.core.spec.FeedSpec.MAX_CYCLES) {
      throw new CommandLine.ParameterException(
          command.commandLine(),
          "--feed-cycles must be between 1 and " + io.recon.core.spec.FeedSpec.MAX_CYCLES);
    }
    List<String> jvm =
        workerJvmOptions.isBlank()
            ? List.of()
            : Arrays.asList(workerJvmOptions.trim().split("\\s+"));
    var options =
        new FeedBench.Options(
            f.records,
            f.rate,
            f.duration,
            f.planted,
            f.window,
            f.batch,
            f.cycles,
            f.txSize,
            f.settle,
            workerXmx,
            jvm,
            f.chaos,
            external,
            f.window.multipliedBy(6).plus(f.settle.multipliedBy(3)).plusSeconds(120));
    PrintWriter out = command.commandLine().getOut();
    Instant start = Instant.now();
    String stamp = STAMP.format(start);
    var bench = new FeedBench(options, out, results, stamp, context.env());
    FeedBench.Report report = bench.run(start);
    bench.print(report);
    Path file = results.resolve("feed-" + stamp + ".json");
    Files.createDirectories(results);
    Files.writeString(
        file,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
            + "\n");
    out.println("figures written to " + file);
    out.flush();
    return 0;
  }

  static String json(BenchReport report) throws Exception {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
        + "\n";
  }

  static Map<String, Object> machine() {
    var m = new LinkedHashMap<String, Object>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      m.put("physicalMemoryMb", os.getTotalMemorySize() / (1024 * 1024));
    }
    m.put("benchJvmMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put(
        "jvm",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    return m;
  }

  private static List<String> notes(boolean external) {
    var notes = new ArrayList<String>();
    notes.add(
        "the floor and the cycles read the same data in the same run; the floor runs in the bench"
            + " JVM, the cycles in a separate worker JVM; both are warmed first by cycles of a"
            + " 20,000-row job (at least 3, then until the worker's JIT settles, at most 12, or"
            + " --warm-up-rounds), which also repair its low-severity divergences, and which are"
            + " not counted; each cycle's CPU by process is from /proc, its JIT's part included");
    notes.add(
        "settle is 0 s: the recheck delay is policy, not work; a production settle adds it once"
            + " per wave of partitions");
    if (!external) {
      notes.add(
          "the embedded MongoDB serves by its _id index, as MongoDB does, a filter with an _id"
              + " equality (every conditional repair write), _id bounds (every range read),"
              + " {_id: {$type}} (a range open at both ends), {_id: {$not: {$type}}} (the stray"
              + " pass) or no filter sorted by _id (the floor's bare read): planner rules recon"
              + " adds to mongo-java-server, whose stock backend scans and sorts the collection"
              + " for each; other filters still scan");
      notes.add(
          "each floor line is the fastest of "
              + Floor.ROUNDS
              + " interleaved rounds; the headline divides by the raw floor, the larger of the"
              + " two bare-driver reads");
      notes.add(
          "the bench JVM hosts Temporal's test server and mongo-java-server, and shares the"
              + " machine's cores with PostgreSQL and the worker");
    }
    return notes;
  }
}
