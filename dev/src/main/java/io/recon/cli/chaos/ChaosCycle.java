package io.recon.cli.chaos;

import io.recon.cli.bench.WorkerProcess;
import io.recon.core.spec.JobSpec;
import io.recon.starter.CycleClient;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.CycleStatus;
import io.recon.workflows.cycle.Mode;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/**
 * One cycle under fire: it starts the cycle, watches its phase through the {@code status} query
 * (and, for the settle delay, the store's range rows), SIGKILLs a worker at a random moment of each
 * phase it aims at, stops PostgreSQL or cuts MongoDB if asked, and writes to some documents once
 * the comparison is over. It waits at most {@code timeout} for the cycle to end; a cycle still
 * running then is terminated and counts as not survived.
 */
final class ChaosCycle {
  private static final long POLL_MILLIS = 20;
  private static final long QUERY_PATIENCE_NANOS = 1_000_000_000L;
  private final CycleClient cycles;
  private final DataSource store;
  private final WorkerPool workers;
  private final Faults faults;
  private final Random random;
  private final ExecutorService queries;
  private final PrintWriter out;

  ChaosCycle(
      CycleClient cycles,
      DataSource store,
      WorkerPool workers,
      Faults faults,
      Random random,
      ExecutorService queries,
      PrintWriter out) {
    this.cycles = cycles;
    this.store = store;
    this.workers = workers;
    this.faults = faults;
    this.random = random;
    this.queries = queries;
    this.out = out;
  }

  /** A kill: where the cycle was, as last seen, when the worker died. */
  record Kill(ChaosPhase aimedAt, ChaosPhase hit, long pid) {}

  /** How the cycle ended, as Temporal reported it. */
  record End(
      String state, String message, CycleResult result, List<Kill> kills, List<String> outages) {}

  /**
   * @param killAt the phases to kill a worker in, in cycle order
   * @param missed where the aims go that the cycle passed without the harness seeing the phase
   * @param outage the phase to stop PostgreSQL or cut MongoDB in, or null
   * @param concurrent documents to write once comparison is over
   */
  End run(
      JobSpec spec,
      String cycleId,
      List<ChaosPhase> killAt,
      List<ChaosPhase> missed,
      Faults.Kind outageKind,
      ChaosPhase outage,
      ChaosData data,
      int concurrent,
      Duration timeout)
      throws Exception {
    cycles.start(spec, Mode.FULL, "chaos", cycleId);
    CompletableFuture<CycleResult> result =
        cycles.workflowClient().newUntypedWorkflowStub(cycleId).getResultAsync(CycleResult.class);
    Deque<ChaosPhase> aims = new ArrayDeque<>(killAt);
    var kills = new ArrayList<Kill>();
    var outages = new ArrayList<String>();
    long deadline = System.nanoTime() + timeout.toNanos();
    long killAtNanos = -1;
    boolean wrote = concurrent == 0;
    ChaosPhase seen = null;
    CompletableFuture<ChaosPhase> query = null;
    long queriedAt = 0;
    while (!result.isDone()) {
      if (System.nanoTime() > deadline) {
        cycles
            .workflowClient()
            .newUntypedWorkflowStub(cycleId)
            .terminate("chaos: no end within " + timeout);
        faults.awaitQuiet();
        return new End(
            "TIMED_OUT", "no end within " + timeout + "; terminated", null, kills, outages);
      }
      workers.replenish();
      // One status query at a time: while no worker answers it, it waits, the loop does not. A
      // query that a dead worker's poll swallowed is abandoned after a second for a fresh one.
      if (query == null) {
        query = CompletableFuture.supplyAsync(() -> phase(cycleId), queries);
        queriedAt = System.nanoTime();
      } else if (query.isDone()) {
        ChaosPhase now = query.isCompletedExceptionally() ? null : query.getNow(null);
        query = null;
        if (now != null) {
          seen = now;
        }
      } else if (System.nanoTime() - queriedAt > QUERY_PATIENCE_NANOS) {
        query.cancel(true);
        query = null;
      }
      if (seen != null) {
        if (!wrote && seen.compareTo(ChaosPhase.ROUTING) >= 0) {
          data.writeConcurrently(concurrent, random);
          wrote = true;
        }
        if (outage != null && seen.compareTo(outage) >= 0) {
          outages.add(faults.start(outageKind, seen));
          outage = null;
        }
        while (!aims.isEmpty() && seen.compareTo(aims.peek()) > 0) {
          missed.add(aims.pop()); // the cycle is past it: aim again in the next cycle
          killAtNanos = -1;
        }
        if (!aims.isEmpty() && seen == aims.peek()) {
          if (killAtNanos < 0) {
            killAtNanos = System.nanoTime() + jitterMillis(seen) * 1_000_000L;
          }
          if (System.nanoTime() >= killAtNanos) {
            WorkerProcess victim = workers.killOne(random);
            if (victim != null) {
              kills.add(new Kill(aims.pop(), seen, victim.pid()));
              say(
                  "    SIGKILL worker %d in %s (aimed at %s)",
                  victim.pid(), seen, kills.get(kills.size() - 1).aimedAt());
              killAtNanos = -1;
            }
          }
        }
      }
      Thread.sleep(POLL_MILLIS);
    }
    faults.awaitQuiet();
    // Aims at phases the cycle passed unseen go back to the caller, for the next cycle.
    missed.addAll(aims);
    for (ChaosPhase m : missed) {
      say("    (%s passed unseen: aimed at again in the next cycle)", m);
    }
    try {
      CycleResult r = result.get();
      return new End(r.state().name(), r.message(), r, kills, outages);
    } catch (java.util.concurrent.ExecutionException e) {
      return new End("FAILED", String.valueOf(e.getCause()), null, kills, outages);
    }
  }

  /** Short phases are hit early, long ones anywhere in their first second. */
  private long jitterMillis(ChaosPhase p) {
    return switch (p) {
      case COMPARING, SETTLE_RECHECK, REPAIRING -> random.nextInt(1000);
      default -> random.nextInt(30);
    };
  }

  private ChaosPhase phase(String cycleId) {
    CycleStatus s = cycles.queryStatus(cycleId);
    return ChaosPhase.of(
        s.phase(), s.phase() == io.recon.workflows.cycle.Phase.COMPARING && awaitsRecheck(cycleId));
  }

  private boolean awaitsRecheck(String cycleId) {
    try (Connection c = store.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from recon.partition where cycle_id = ? and status = 'COMPARED'")) {
      ps.setString(1, cycleId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      return false; // PostgreSQL is down: the phase stays COMPARING
    }
  }

  private void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
