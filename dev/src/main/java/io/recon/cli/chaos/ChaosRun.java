package io.recon.cli.chaos;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.audit.AuditReport;
import io.recon.activities.audit.AuditVerifier;
import io.recon.activities.support.Connections;
import io.recon.cli.bench.BenchData;
import io.recon.cli.bench.BenchEngines;
import io.recon.cli.bench.BenchRun;
import io.recon.cli.bench.BenchSpec;
import io.recon.cli.bench.Planted;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.starter.CycleClient;
import io.recon.starter.CycleStore;
import io.recon.starter.TemporalConnections;
import io.recon.workflows.cycle.Counts;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.BsonValue;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A chaos run on the embedded stack: the bench's engines and dataset, workers in their own JVMs
 * that reach MongoDB through the harness's proxy, then cycle after cycle with kills and outages,
 * each checked on its own.
 */
final class ChaosRun {
  static final String NAME = "chaos";
  static final String TABLE = "chaos_source";
  static final String COLLECTION = "chaos_target";

  /** What a run is asked to do. */
  record Options(
      int kills,
      long seed,
      long records,
      double divergence,
      int workers,
      int killsPerCycle,
      Duration settle,
      Duration outage,
      int concurrent,
      Duration cycleTimeout,
      String workerXmx,
      Path results) {}

  private final Options options;
  private final PrintWriter out;

  private final Map<String, String> env;

  ChaosRun(Options options, PrintWriter out, Map<String, String> env) {
    this.env = env;
    this.options = options;
    this.out = out;
  }

  /** Runs every cycle and returns the tally; throws only when the stack itself cannot start. */
  ChaosTally run() throws Exception {
    Random random = new Random(options.seed());
    Path logs = options.results();
    Files.createDirectories(logs);
    var tally = new ChaosTally();
    // A few threads: a status query swallowed by a dead worker's poll waits for its RPC deadline.
    ExecutorService queries = Executors.newFixedThreadPool(4, daemon());
    try (BenchEngines engines = BenchEngines.start(env, false, "recon-chaos-" + options.seed())) {
      ReconConfig config = engines.config();
      String database = BenchSpec.DATABASE;
      var ledger = new WriteLedger(database, COLLECTION);
      int mongoPort = URI.create(config.mongo().url()).getPort();
      try (HikariDataSource source = Connections.postgres(config.source(), "recon-chaos", 2);
          MongoClient mongo = Connections.mongo(config.mongo());
          MongoProxy proxy = MongoProxy.start(mongoPort, ledger)) {
        WorkflowServiceStubs stubs = TemporalConnections.connect(config);
        try {
          CycleClient cycles =
              new CycleClient(
                  TemporalConnections.client(stubs, config),
                  config.taskQueue(),
                  new CycleStore(source),
                  Clock.systemUTC());
          say("seeding %,d rows into %s", options.records(), TABLE);
          BenchData.seedSource(source, TABLE, options.records());
          var env = new HashMap<>(engines.workerEnv());
          env.put(ReconConfig.RECON_MONGO_URI, proxy.uri());
          var aims = new java.util.ArrayDeque<>(ChaosPhase.aims(options.kills()));
          // Each cycle takes the next aims; those at phases it passed unseen go back to the head.
          // Missing a phase is rare, so twice the planned cycles bounds the run.
          int maxCycles = 2 * ChaosPhase.plan(options.kills(), options.killsPerCycle()).size() + 2;
          int maxStarts = options.workers() + 3 * options.kills() + 10;
          try (var workers =
              new WorkerPool(options.workers(), options.workerXmx(), env, logs, maxStarts)) {
            workers.startAll();
            say(
                "%d worker JVMs polling (logs in %s); MongoDB through the proxy at %s",
                options.workers(), logs, proxy.uri());
            var faults =
                new Faults(
                    PostgresOutage.of(source, logs.resolve("postgres-restart.log")),
                    proxy,
                    options.outage(),
                    out);
            var cycle = new ChaosCycle(cycles, source, workers, faults, random, queries, out);
            JobSpec spec = spec(options);
            for (int i = 0; i < maxCycles && (!aims.isEmpty() || i < 2); i++) {
              List<ChaosPhase> next = ChaosPhase.next(aims, options.killsPerCycle());
              var missed = new java.util.ArrayList<ChaosPhase>();
              tally.add(oneCycle(i, next, missed, cycle, spec, mongo, ledger, source, random));
              for (int m = missed.size() - 1; m >= 0; m--) {
                aims.push(missed.get(m));
              }
            }
            tally.unplaced(aims.size());
          }
        } finally {
          stubs.shutdown();
        }
      }
    } finally {
      queries.shutdownNow();
    }
    return tally;
  }

  private ChaosTally.Cycle oneCycle(
      int i,
      List<ChaosPhase> kills,
      List<ChaosPhase> missed,
      ChaosCycle cycle,
      JobSpec spec,
      MongoClient mongo,
      WriteLedger ledger,
      HikariDataSource store,
      Random random)
      throws Exception {
    var data =
        new ChaosData(
            mongo.getDatabase(BenchSpec.DATABASE),
            COLLECTION,
            options.records(),
            options.divergence(),
            random.nextInt(1 << 30));
    Planted planted = data.seed();
    ledger.clear();
    // The first cycles also stop PostgreSQL and cut MongoDB, in a phase of their own.
    Faults.Kind outageKind = i == 0 ? Faults.Kind.POSTGRES : i == 1 ? Faults.Kind.MONGO : null;
    ChaosPhase outageAt =
        outageKind == null || options.outage().isZero()
            ? null
            : List.of(ChaosPhase.COMPARING, ChaosPhase.SETTLE_RECHECK, ChaosPhase.REPAIRING)
                .get(random.nextInt(3));
    String id = NAME + "-" + options.seed() + "-" + (i + 1);
    say("cycle %d (%s): planted %s; kills aimed at %s", i + 1, id, planted, kills);
    long t0 = System.nanoTime();
    ChaosCycle.End end =
        cycle.run(
            spec,
            id,
            kills,
            missed,
            outageKind,
            outageAt,
            data,
            options.concurrent(),
            options.cycleTimeout());
    Set<BsonValue> concurrent = data.concurrent();
    var expected = new java.util.HashSet<>(data.repairable());
    expected.removeAll(concurrent);
    Verdict verdict = null;
    String found = "not checked";
    boolean audit = false;
    if (end.result() != null) {
      ChaosData.Final state = data.check();
      verdict =
          Verdict.of(expected, concurrent, state.wrong(), state.overwritten(), ledger.snapshot());
      Counts c = end.result().counts();
      found = BenchRun.check(c, planted);
      AuditReport report =
          new AuditVerifier(DSL.using(store, SQLDialect.POSTGRES)).verify(Optional.of(NAME));
      // An empty chain is trivially intact: the cycle's events must be there.
      audit = report.intact() && report.chains().stream().anyMatch(r -> r.intactRows() > 0);
      if (state.orphansGone() > 0) {
        found += "; " + state.orphansGone() + " reported orphans were deleted";
      }
    }
    boolean passed =
        end.state().equals("COMPLETED")
            && found.equals("found exactly what was planted")
            && verdict != null
            && verdict.exact()
            && audit;
    say(
        "  %s in %.0f s: %s; %s; repairs %s; %s; audit %s -> %s",
        end.state(),
        (System.nanoTime() - t0) / 1e9,
        end.message(),
        found,
        end.result() == null ? "-" : end.result().repairs(),
        verdict == null ? "no verdict" : verdict,
        audit ? "intact" : "NOT intact",
        passed ? "passed" : "FAILED");
    return new ChaosTally.Cycle(
        end.kills(), end.outages().size(), passed, verdict, expected.size(), concurrent.size());
  }

  /**
   * The bench's job (same table shape and fields), with every severity repaired automatically, a
   * settle delay long enough to kill a worker in it, and read and write caps that stretch
   * comparison and repair to seconds, so that a kill can land inside them.
   */
  static JobSpec spec(Options o) {
    String yaml = BenchSpec.yaml(NAME, TABLE, COLLECTION, 4, 2, List.of("low", "medium", "high"));
    yaml = replace(yaml, "settle: 0s", "settle: " + o.settle().toMillis() + "ms");
    yaml = replace(yaml, "maxDivergenceRatio: 0.05", "maxDivergenceRatio: 1");
    long reads = Math.max(100, o.records());
    long writes = Math.max(10, Math.round(o.records() * o.divergence() / 3));
    yaml += "limits: { readsPerSecond: " + reads + ", writesPerSecond: " + writes + " }\n";
    return SpecLoader.parse(yaml, NAME + ".yaml");
  }

  private static String replace(String yaml, String from, String to) {
    if (!yaml.contains(from)) {
      throw new IllegalStateException("the bench spec no longer says '" + from + "'");
    }
    return yaml.replace(from, to);
  }

  private void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "chaos-status");
      t.setDaemon(true);
      return t;
    };
  }
}
