package io.recon.cli.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.support.Connections;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.JobSpec;
import io.recon.starter.CycleClient;
import io.recon.starter.CycleStore;
import io.recon.starter.TemporalConnections;
import io.recon.worker.WorkerLimits;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.Mode;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.bson.Document;

/**
 * The bench's sequence on one set of engines: seed N, read the floor, run the cycles, then seed 4N
 * with a fresh worker for the memory figure. Progress goes to {@code out} as it happens.
 */
public final class BenchRun {
  private final BenchOptions options;
  private final PrintWriter out;
  private final Path resultsDir;
  private final String stamp;
  private BenchEngines engines;
  private HikariDataSource source;
  // The bench's own dataset is written through this pool; every measured read uses the read-only
  // source pool, exactly as a worker does.
  private HikariDataSource fixture;
  private HikariDataSource store;
  private MongoClient mongo;
  private CycleClient cycles;
  private WorkerProcess worker;
  private final List<WorkerProcess> extraWorkers = new ArrayList<>();

  private final Map<String, String> env;

  BenchRun(
      BenchOptions options,
      PrintWriter out,
      Path resultsDir,
      String stamp,
      Map<String, String> env) {
    this.env = env;
    this.options = options;
    this.out = out;
    this.resultsDir = resultsDir;
    this.stamp = stamp;
  }

  /** Rows of the warm-up job, run by every worker before anything is measured. */
  static final long WARM_UP_ROWS = 20_000;

  /** The most warm-up cycles {@code --warm-up-rounds 0} (until the JIT settles) runs. */
  static final int MAX_WARM_UP_ROUNDS = 12;

  /**
   * A warm-up cycle in which the workers' JIT compiler threads used at most this share of their CPU
   * ends the warm-up. On two cores the compiler gets a thin share of the CPU and works through a
   * long queue of the code each cycle runs a few hundred times, so this is often not reached before
   * {@link #MAX_WARM_UP_ROUNDS}; each cycle then reports the JIT's part of its CPU.
   */
  static final double SETTLED_JIT_SHARE = 0.10;

  List<BenchReport.Dataset> run(Map<String, String> enginesOut, List<String> notes)
      throws Exception {
    engines = BenchEngines.start(env, options.external(), "recon-bench-" + stamp);
    WorkflowServiceStubs stubs = null;
    try {
      ReconConfig config = engines.config();
      source = Connections.readOnlyPostgres(config.source(), "recon-bench-source", 4);
      fixture = Connections.postgres(config.source(), "recon-bench-fixture", 2);
      store = Connections.postgres(config.store(), "recon-bench-store", 2);
      mongo = Connections.mongo(config.mongo());
      stubs = TemporalConnections.connect(config);
      WorkflowClient client = TemporalConnections.client(stubs, config);
      cycles =
          new CycleClient(client, config.taskQueue(), new CycleStore(store), Clock.systemUTC());
      enginesOut.putAll(engines.describe(postgresVersion(source)));
      if (engines.external()) {
        say(
            "external engines: this drops and recreates table %s and collection %s.%s",
            BenchSpec.TABLE, BenchSpec.DATABASE, BenchSpec.COLLECTION);
      }
      var datasets = new ArrayList<BenchReport.Dataset>();
      datasets.add(dataset(options.records(), true));
      if (!options.skip4n()) {
        try {
          datasets.add(dataset(4 * options.records(), false));
        } catch (Exception | OutOfMemoryError e) {
          // The N figures stand on their own; say why 4N is absent instead of losing them.
          notes.add("the 4N run failed: " + e);
          say("the 4N run failed: %s", e);
        }
      }
      return datasets;
    } finally {
      stopWorker();
      if (stubs != null) {
        stubs.shutdown();
      }
      if (mongo != null) {
        mongo.close();
      }
      if (store != null) {
        store.close();
      }
      if (fixture != null) {
        fixture.close();
      }
      if (source != null) {
        source.close();
      }
      engines.close();
    }
  }

  private BenchReport.Dataset dataset(long n, boolean everything) throws Exception {
    stopWorker();
    say("seeding %,d records (divergence %.2f%%)", n, options.divergence() * 100);
    long t = System.nanoTime();
    BenchData.seedSource(fixture, BenchSpec.TABLE, n);
    double seedSource = Floor.seconds(t);
    say("  source: %.1f s (generate_series)", seedSource);
    t = System.nanoTime();
    var planted =
        Planted.of(
            BenchData.seedTarget(
                mongo.getDatabase(BenchSpec.DATABASE),
                BenchSpec.COLLECTION,
                n,
                options.divergence()));
    double seedTarget = Floor.seconds(t);
    say(
        "  target: %.1f s (insertMany, %,d per batch); planted %s",
        seedTarget, BenchData.MONGO_BATCH, planted);
    // A fresh worker per dataset: its peak heap then belongs to this dataset's cycles alone.
    startWorker(n);
    warmUp();

    JobSpec detect = BenchSpec.of(options.partitions(), options.parallelism(), List.of());
    say("floor: reading both sides once with the cycle's readers");
    Floor.Figures floor = new Floor(source, mongo, detect).measure();
    say(
        "  source %.2f s, target %.2f s (raw drivers %.2f s, %.2f s: readers %.2fx, %.2fx);"
            + " both in parallel %.2f s",
        floor.sourceSeconds(),
        floor.targetSeconds(),
        floor.rawSourceSeconds(),
        floor.rawTargetSeconds(),
        floor.sourceOverRaw(),
        floor.targetOverRaw(),
        floor.parallelSeconds());

    CpuMeter.Figures rawFloorCpu = rawFloorCpu(detect);
    var list = new ArrayList<BenchReport.Cycle>();
    BenchReport.Cycle full = cycle("detection", detect, Mode.FULL, floor, null, planted, null);
    list.add(full);
    if (everything) {
      list.add(
          cycle(
              "detection-1-partition",
              BenchSpec.of(1, options.parallelism(), List.of()),
              Mode.FULL,
              floor,
              null,
              planted,
              null));
      // Scale-out before anything changes the data, so each of these cycles finds what was planted.
      for (int w = 2; w <= options.workers(); w++) {
        startExtraWorker(n, w);
        warmUp();
        list.add(
            cycle("detection-" + w + "-workers", detect, Mode.FULL, floor, null, planted, null));
      }
      stopExtraWorkers();
      JobSpec repair = BenchSpec.of(options.partitions(), options.parallelism(), List.of("low"));
      list.add(cycle("auto-repair-low", repair, Mode.FULL, floor, null, planted, null));
      say("changing 1%% of the source rows (and, as the sync pipeline would, their documents)");
      long changed = BenchData.changeOnePercent(fixture, target(), n);
      list.add(cycle("incremental-1pct", detect, Mode.INCREMENTAL, floor, full, null, changed));
    }
    return new BenchReport.Dataset(
        n, Floor.round(seedSource), Floor.round(seedTarget), planted, floor, list, rawFloorCpu);
  }

  private BenchReport.Cycle cycle(
      String name,
      JobSpec spec,
      Mode mode,
      Floor.Figures floor,
      BenchReport.Cycle full,
      Planted planted,
      Long changed)
      throws InterruptedException {
    say(
        "cycle %s: %s, partitions %d, parallelism %d, repair.auto %s",
        name, mode.label(), spec.partitions(), spec.parallelism(), spec.repair().auto());
    var timer = new CycleTimer(cycles, worker::alive, options.cycleTimeout());
    HeapSampler sampler = HeapSampler.start(worker.pid(), 250);
    CpuMeter meter = CpuMeter.of(workerPids(), source).orElse(null);
    CpuMeter.Snapshot cpuStart = meter == null ? null : meter.take();
    CycleTimer.Run run;
    HeapSampler.HeapFigures heap;
    CpuMeter.Figures cpu;
    try {
      run = timer.run(spec, mode, name);
    } finally {
      heap = sampler.stop();
      cpu = meter == null ? null : meter.since(cpuStart);
    }
    Histories.Figures history = null;
    try {
      history = Histories.of(cycles.workflowClient(), run.cycleId(), run.ranges());
    } catch (RuntimeException e) {
      say("  (history not available: %s)", e.getMessage());
    }
    Steps.Figures steps = null;
    try {
      steps = Steps.of(cycles.workflowClient(), run.cycleId(), run.ranges());
    } catch (RuntimeException e) {
      say("  (steps not available: %s)", e.getMessage());
    }
    double detection = run.detectionSeconds();
    long compared = run.counts().volumes().compared();
    double repairSeconds =
        run.phaseSeconds().getOrDefault("REPAIRING", 0.0) > 0
            ? run.phaseSeconds().get("REPAIRING")
            : run.seconds();
    Double repairActivity = steps == null ? null : Steps.seconds(steps.cycle(), "Repair");
    var c =
        new BenchReport.Cycle(
            name,
            mode.label(),
            spec.partitions(),
            spec.parallelism(),
            spec.repair().auto().stream().map(s -> s.name().toLowerCase()).toList(),
            run.cycleId(),
            run.state(),
            run.message(),
            detection,
            run.seconds(),
            detection > 0 ? Math.round(compared / detection) : 0,
            mode == Mode.FULL ? Floor.round(detection / floor.rawMaxSeconds()) : null,
            mode == Mode.FULL ? Floor.round(detection / floor.maxSeconds()) : null,
            mode == Mode.FULL ? Floor.round(detection / floor.sumSeconds()) : null,
            full != null ? Floor.round(run.seconds() / full.seconds()) : null,
            run.repairs().repaired() > 0
                ? Floor.round(run.repairs().repaired() / repairSeconds)
                : null,
            repairActivity,
            run.repairs().repaired() > 0 && repairActivity != null && repairActivity > 0
                ? Floor.round(run.repairs().repaired() / repairActivity)
                : null,
            changed,
            run.counts(),
            run.repairs(),
            run.phaseSeconds(),
            heap,
            history,
            steps,
            planted == null
                ? "not applicable: only changed rows are compared"
                : check(run.counts(), planted),
            cpu);
    say(
        "  %s in %.2f s (detection %.2f s: %sx the raw floor, %sx the readers'), %,d compared, %,d persistent (%d missing, %d orphan,"
            + " %d mismatch), repaired %d; worker heap peak %s MB; %s",
        c.state(),
        c.seconds(),
        c.detectionSeconds(),
        c.ratioToRawFloor() == null
            ? "-"
            : String.format(java.util.Locale.ROOT, "%.2f", c.ratioToRawFloor()),
        c.ratioToFloorMax() == null
            ? "-"
            : String.format(java.util.Locale.ROOT, "%.2f", c.ratioToFloorMax()),
        compared,
        run.counts().discrepancies(),
        run.counts().persistent().missing(),
        run.counts().persistent().orphan(),
        run.counts().persistent().mismatch(),
        run.repairs().repaired(),
        heap == null ? "?" : heap.peakUsedMb(),
        c.check());
    say("  phases (status query): %s", run.phaseSeconds());
    if (cpu != null) {
      say(
          "  CPU seconds from start to end: worker %.2f (JIT compiling %s), bench JVM (MongoDB,"
              + " Temporal) %.2f, PostgreSQL %.2f; %.2f in all, %.2f cores over the cycle",
          cpu.worker(),
          cpu.workerJit() == null ? "?" : String.format(Locale.ROOT, "%.2f", cpu.workerJit()),
          cpu.benchJvm(),
          cpu.postgres(),
          cpu.total(),
          cpu.total() / Math.max(run.seconds(), 1e-9));
    }
    if (steps != null) {
      say("  cycle steps: %s", Steps.describe(steps.cycle()));
      say("  range steps, over %d ranges: %s", run.ranges(), Steps.describe(steps.ranges()));
    }
    return c;
  }

  /**
   * The CPU the raw floor costs: both sides read once more by the bare drivers, one after the
   * other, so that a cycle's CPU can be set beside it (on two cores, the wall time of a cycle is at
   * least its CPU over two).
   */
  private CpuMeter.Figures rawFloorCpu(JobSpec detect) throws Exception {
    CpuMeter meter = CpuMeter.of(List.of(), source).orElse(null);
    if (meter == null) {
      return null;
    }
    var floor = new Floor(source, mongo, detect);
    CpuMeter.Snapshot start = meter.take();
    floor.rawSource();
    floor.rawTarget();
    CpuMeter.Figures cpu = meter.since(start);
    say(
        "  CPU of one read of both sides by the bare drivers: bench JVM (clients and MongoDB)"
            + " %.2f s, PostgreSQL %.2f s; %.2f s in all",
        cpu.benchJvm(), cpu.postgres(), cpu.total());
    return cpu;
  }

  /** Whether detection found exactly the planted divergences, by kind and severity. */
  public static String check(Counts c, Planted p) {
    Planted found =
        new Planted(
            c.persistent().missing(),
            c.persistent().orphan(),
            c.persistent().mismatch(),
            c.severities().low(),
            c.severities().medium(),
            c.severities().high());
    return found.equals(p)
        ? "found exactly what was planted"
        : "DIFFERS: found " + found + ", planted " + p;
  }

  /**
   * Divergence planted in the warm-up job: about 400 low-severity mismatches to repair per round,
   * while the job's discrepancies stay below its {@code maxDivergenceRatio} (0.05).
   */
  static final double WARM_UP_DIVERGENCE = 0.04;

  /**
   * The fewest warm-up cycles {@code --warm-up-rounds 0} runs, each on a freshly planted target:
   * about 1,250 repairs in all. One round of 400 was measured to leave the repair path's per-record
   * methods uncompiled: the JIT's queue was long after the detection warm-up, which raises its
   * thresholds, so the measured cycle still compiled them (342 compilations and 0.76 s of the
   * worker's compiler threads in its Repair window).
   */
  static final int WARM_UP_ROUNDS = 3;

  /**
   * A worker that just started runs its first cycle with cold JIT, pools and workflow caches, which
   * a long-lived worker never does; cycles of another job warm it (and the bench JVM's readers)
   * without touching the measured data or its watermark. Each cycle repairs its own low-severity
   * divergences automatically, as {@code auto-repair-low} does, so that the repair path (the
   * worker's, and mongo-java-server's update path in this JVM) is compiled before it is measured
   * too; the medium and high ones are rejected. Each round after the first plants the target again.
   */
  private void warmUp() throws Exception {
    String name = "bench-warmup";
    String table = "bench_warmup";
    long t = System.nanoTime();
    BenchData.seedSource(fixture, table, WARM_UP_ROWS);
    JobSpec spec =
        BenchSpec.of(
            name, table, table, options.partitions(), options.parallelism(), List.of("low"));
    boolean untilSettled = options.warmUpRounds() == 0;
    int rounds = untilSettled ? MAX_WARM_UP_ROUNDS : options.warmUpRounds();
    List<Long> pids = workerPids();
    long repaired = 0;
    int round = 0;
    boolean settled = false;
    while (round < rounds && !settled) {
      round++;
      BenchData.seedTarget(
          mongo.getDatabase(BenchSpec.DATABASE), table, WARM_UP_ROWS, WARM_UP_DIVERGENCE);
      if (round == 1) {
        new Floor(source, mongo, spec).measure();
      }
      double cpu0 = CpuMeter.processSeconds(pids);
      double jit0 = CpuMeter.compilerSeconds(pids);
      long t0 = System.nanoTime();
      CycleTimer.Run run =
          new CycleTimer(cycles, worker::alive, options.cycleTimeout())
              .run(spec, Mode.FULL, "warmup");
      repaired += run.repairs().repaired();
      double cpu = CpuMeter.processSeconds(pids) - cpu0;
      double jit = CpuMeter.compilerSeconds(pids) - jit0;
      boolean known = cpu0 >= 0 && jit0 >= 0;
      // At least WARM_UP_ROUNDS, so that the repair path's per-record methods are compiled too.
      settled =
          untilSettled && round >= WARM_UP_ROUNDS && (!known || jit <= SETTLED_JIT_SHARE * cpu);
      say(
          "  warm-up cycle %d: %s in %.1f s, repaired %,d; worker CPU %s",
          round,
          run.state(),
          Floor.seconds(t0),
          run.repairs().repaired(),
          known ? String.format(Locale.ROOT, "%.2f s, JIT compiling %.2f s", cpu, jit) : "unknown");
    }
    say(
        "warm-up: floor and %d cycle%s of %,d rows that repaired %,d low-severity divergences in"
            + " %.1f s, not counted%s",
        round,
        round == 1 ? "" : "s",
        WARM_UP_ROWS,
        repaired,
        Floor.seconds(t),
        !untilSettled
            ? " (--warm-up-rounds " + rounds + ")"
            : settled
                ? ": the workers' JIT settled (under "
                    + Math.round(SETTLED_JIT_SHARE * 100)
                    + "% of their CPU)"
                : ": the workers' JIT had not settled after " + rounds + " cycles");
  }

  /** The process ids of the workers on the task queue now. */
  private List<Long> workerPids() {
    var pids = new ArrayList<Long>();
    pids.add(worker.pid());
    extraWorkers.forEach(w -> pids.add(w.pid()));
    return pids;
  }

  private void startWorker(long n) throws Exception {
    Files.createDirectories(resultsDir);
    Path log = resultsDir.resolve("worker-" + stamp + "-" + n + ".log");
    worker = WorkerProcess.start(options.workerXmx(), options.workerJvmOptions(), workerEnv(), log);
    worker.awaitPolling(Duration.ofMinutes(2));
    say(
        "worker JVM %d started with -Xmx%s, sticky execution %s (log %s)",
        worker.pid(),
        options.workerXmx(),
        options.external() ? "as the environment says" : options.sticky() ? "on" : "off",
        log);
  }

  /**
   * The workers' environment. On the embedded engines it turns sticky execution off unless the
   * bench was asked for it (the default): a worker that dies with workflows cached strands them
   * there, but the cycle bench never kills one, and a worker on a real cluster keeps its workflows
   * cached. With {@code --external} the environment's own setting stands.
   */
  private Map<String, String> workerEnv() {
    if (engines.external() || !options.sticky()) {
      return engines.workerEnv();
    }
    var env = new HashMap<>(engines.workerEnv());
    env.put(
        WorkerLimits.RECON_STICKY_SCHEDULE_TO_START,
        WorkerLimits.DEFAULT_STICKY_SCHEDULE_TO_START.toSeconds() + "s");
    return Map.copyOf(env);
  }

  /** One more worker process on the same task queue: the scale-out cycles. */
  private void startExtraWorker(long n, int number) throws Exception {
    Path log = resultsDir.resolve("worker-" + stamp + "-" + n + "-" + number + ".log");
    var extra =
        WorkerProcess.start(options.workerXmx(), options.workerJvmOptions(), workerEnv(), log);
    extraWorkers.add(extra);
    extra.awaitPolling(Duration.ofMinutes(2));
    say("worker JVM %d started (worker %d of %d on the task queue)", extra.pid(), number, number);
  }

  private void stopExtraWorkers() {
    extraWorkers.forEach(WorkerProcess::close);
    extraWorkers.clear();
  }

  private void stopWorker() {
    stopExtraWorkers();
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  private MongoCollection<Document> target() {
    return mongo.getDatabase(BenchSpec.DATABASE).getCollection(BenchSpec.COLLECTION);
  }

  private static String postgresVersion(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
