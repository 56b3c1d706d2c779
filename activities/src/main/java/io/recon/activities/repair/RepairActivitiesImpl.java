package io.recon.activities.repair;

import com.mongodb.client.MongoClient;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.DecideRequest;
import io.recon.workflows.activities.DecideResult;
import io.recon.workflows.activities.RepairActivities;
import io.recon.workflows.activities.RepairOutcome;
import io.recon.workflows.activities.RouteRequest;
import io.recon.workflows.activities.RouteResult;
import io.recon.workflows.activities.VerifyResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@link RepairActivities} against PostgreSQL (source, re-read at repair time), MongoDB (target)
 * and the recon store. Every change commits with its audit events.
 */
public final class RepairActivitiesImpl implements RepairActivities {
  /**
   * Discrepancies per repair batch: one bulk write and one store transaction each. A batch's fixed
   * cost is about a dozen round trips, so a thousand keep it far below the writes' own cost; the
   * batch's documents and rows are the memory it holds, and its widest statement (the write-ahead
   * rows, about 20 values each) stays well under the driver's 32,767 bind parameters.
   */
  public static final int BATCH = 1_000;

  private final Router router;
  private final Repairer repairer;
  private final Decider decider;
  private final Verifier verifier;
  private final AtomicLong writes = new AtomicLong();

  /**
   * @param cipher encrypts before- and after-images at rest; null stores them in clear
   */
  public RepairActivitiesImpl(
      DataSource source, DataSource store, MongoClient mongo, AuditCipher cipher) {
    this(source, store, mongo, cipher, BATCH, RepairHooks.NONE);
  }

  RepairActivitiesImpl(
      DataSource source,
      DataSource store,
      MongoClient mongo,
      AuditCipher cipher,
      int batchSize,
      RepairHooks hooks) {
    DSLContext dsl = DSL.using(store, SQLDialect.POSTGRES);
    AuditLog audit = new AuditLog(Clock.systemUTC());
    this.router = new Router(dsl, audit);
    this.repairer = new Repairer(source, dsl, mongo, cipher, audit, batchSize, hooks, writes);
    this.decider = new Decider(dsl, audit);
    this.verifier = new Verifier(source, dsl, mongo, audit, batchSize);
  }

  /** MongoDB write operations this instance has sent, for tests and metrics. */
  public long mongoWrites() {
    return writes.get();
  }

  @Override
  public RouteResult route(RouteRequest request) {
    return run("routing " + request.cycleId(), () -> router.route(request, actor()));
  }

  @Override
  public RepairOutcome repair(CycleRef cycle) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Repairer.Progress resume = context.getHeartbeatDetails(Repairer.Progress.class).orElse(null);
    return run(
        "repairing " + cycle.cycleId(), () -> repairer.repair(cycle, resume, context::heartbeat));
  }

  @Override
  public DecideResult decide(DecideRequest request) {
    return run("deciding on " + request.cycleId(), () -> decider.decide(request));
  }

  @Override
  public long expire(CycleRef cycle) {
    return run("expiring approvals of " + cycle.cycleId(), () -> decider.expire(cycle, actor()));
  }

  @Override
  public VerifyResult verify(CycleRef cycle) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    return run(
        "verifying " + cycle.cycleId(), () -> verifier.verify(cycle, actor(), context::heartbeat));
  }

  private static String actor() {
    return "recon@" + Lineage.processIdentity();
  }

  private static <T> T run(String what, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw Failures.classify(what, e);
    }
  }
}
