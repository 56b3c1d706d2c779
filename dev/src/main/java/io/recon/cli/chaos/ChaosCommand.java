package io.recon.cli.chaos;

import io.recon.cli.CliContext;
import io.recon.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recon chaos}: the fault-injection harness. It proves, on the embedded stack, that cycles
 * survive SIGKILLed workers in every phase, a stopped PostgreSQL and a cut MongoDB with nothing
 * lost, duplicated or overwritten, and exits 0 only when that target is met.
 */
@Command(
    name = "chaos",
    header = "Kill workers and cut engines mid-cycle; prove no repair is lost or doubled.",
    mixinStandardHelpOptions = true,
    description = {
      "On embedded engines on free ports, seeds the bench's dataset with planted divergences, "
          + "starts separate worker JVMs that reach MongoDB through a TCP proxy of the harness, "
          + "and runs cycles that repair everything automatically.",
      "In each cycle it SIGKILLs workers at random moments of its phases (planning, comparing, "
          + "settle/recheck, routing, repairing, verifying), replacing each; the first cycle also "
          + "stops PostgreSQL, the second cuts MongoDB.",
      "After each cycle it checks, independently of recon's store: the planted set was reported, "
          + "every repair was applied once (the proxy counts the documents each write reply says "
          + "it changed), the harness's own writes during the cycle survived, and the audit chain "
          + "is intact.",
      "Exit 0 when every kill and outage was survived with 0 lost, 0 duplicated, 0 clobbered; "
          + "1 otherwise; 2 on bad options."
    })
public final class ChaosCommand implements Callable<Integer> {
  private final CliContext context;

  ChaosCommand(CliContext context) {
    this.context = context;
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @Option(
      names = "--kills",
      defaultValue = "20",
      description = "Worker kills (default ${DEFAULT-VALUE}).")
  int kills;

  @Option(
      names = "--seed",
      description = "Seed of every random choice (default: the current time; printed).")
  Long seed;

  @Option(
      names = "--records",
      defaultValue = "2000",
      description = "Source rows (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--divergence",
      defaultValue = "0.05",
      description = "Share of rows planted with a divergence (default ${DEFAULT-VALUE}).")
  double divergence;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Worker JVMs (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--kills-per-cycle",
      defaultValue = "3",
      description = "At most this many kills in one cycle (default ${DEFAULT-VALUE}).")
  int killsPerCycle;

  @Option(
      names = "--settle",
      defaultValue = "PT3S",
      description = "The spec's settle delay (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration settle;

  @Option(
      names = "--outage",
      defaultValue = "PT40S",
      description =
          "How long PostgreSQL is stopped and MongoDB cut; PT0S for none (default ${DEFAULT-VALUE}).")
  Duration outage;

  @Option(
      names = "--concurrent-writes",
      defaultValue = "5",
      description =
          "Documents the harness writes in each cycle after comparison (default ${DEFAULT-VALUE}).")
  int concurrent;

  @Option(
      names = "--cycle-timeout",
      defaultValue = "PT5M",
      description =
          "A cycle not ended by then is terminated and fails the run (default ${DEFAULT-VALUE}).")
  Duration cycleTimeout;

  @Option(names = "--worker-xmx", defaultValue = "256m", description = "Default ${DEFAULT-VALUE}.")
  String workerXmx;

  @Option(
      names = "--results",
      defaultValue = "bench/results",
      description = "Directory of the worker and PostgreSQL logs (default ${DEFAULT-VALUE}).")
  Path results;

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    String problem = problem();
    if (problem != null) {
      command.commandLine().getErr().println("recon chaos: " + problem);
      return ExitCodes.USAGE;
    }
    quietExpectedWarnings();
    long s = seed != null ? seed : System.currentTimeMillis();
    String stamp = STAMP.format(Instant.now());
    var options =
        new ChaosRun.Options(
            kills,
            s,
            records,
            divergence,
            workers,
            killsPerCycle,
            settle,
            outage,
            concurrent,
            cycleTimeout,
            workerXmx,
            results.resolve("chaos-" + stamp));
    out.printf(
        "recon chaos: %d kills, seed %d, %,d records, %d workers%n", kills, s, records, workers);
    out.flush();
    ChaosTally tally = new ChaosRun(options, out, context.env()).run();
    tally.lines().forEach(out::println);
    boolean met = tally.met(kills);
    out.println(
        met
            ? "target met: every kill and outage survived, 0 lost, 0 duplicated, 0 clobbered"
            : "target NOT met (see the cycles above; worker logs in " + options.results() + ")");
    out.flush();
    return met ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /**
   * The harness breaks its own connections on purpose: the pool's warnings about a connection that
   * PostgreSQL closed, and the MongoDB-wire server's about clients it dropped, say nothing new.
   */
  private static void quietExpectedWarnings() {
    for (String name : new String[] {"com.zaxxer.hikari", "de.bwaldvogel.mongo"}) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
        l.setLevel(ch.qos.logback.classic.Level.ERROR);
      }
    }
  }

  private String problem() {
    if (kills < 0) {
      return "--kills must be 0 or more, not " + kills;
    }
    if (records < 100) {
      return "--records must be at least 100, not " + records;
    }
    if (!(divergence > 0 && divergence <= 0.5)) {
      return "--divergence must be above 0 and at most 0.5, not " + divergence;
    }
    if (workers < 2) {
      return "--workers must be at least 2 (a kill must leave one), not " + workers;
    }
    if (killsPerCycle < 1 || killsPerCycle > ChaosPhase.values().length) {
      return "--kills-per-cycle must be 1 to "
          + ChaosPhase.values().length
          + ", not "
          + killsPerCycle;
    }
    if (settle.isNegative()
        || outage.isNegative()
        || cycleTimeout.isNegative()
        || cycleTimeout.isZero()) {
      return "--settle and --outage must not be negative, --cycle-timeout must be positive";
    }
    if (concurrent < 0) {
      return "--concurrent-writes must be 0 or more, not " + concurrent;
    }
    return null;
  }
}
