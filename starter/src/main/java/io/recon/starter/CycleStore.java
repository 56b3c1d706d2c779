package io.recon.starter;

import static io.recon.schema.jooq.Tables.CYCLE;

import io.recon.activities.store.CycleAbandoner;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The client side's view of {@code recon.cycle}. */
public final class CycleStore {
  /**
   * States of a cycle that is still open; one job has at most one full or incremental cycle open
   * (its feed's key-set cycles may run beside it).
   */
  public static final List<String> OPEN_STATES = List.of("RUNNING", "AWAITING_APPROVAL", "GATED");

  private final DataSource store;
  private final DSLContext db;

  public CycleStore(DataSource store) {
    this.store = store;
    this.db = DSL.using(store, SQLDialect.POSTGRES);
  }

  /**
   * Ids of the job's full and incremental cycles that the store still records as open: the ones a
   * new cycle of the job would be refused by (the feed's key-set cycles never refuse it).
   */
  public List<String> activeBatchCycles(String specName) {
    return db.select(CYCLE.CYCLE_ID)
        .from(CYCLE)
        .where(
            CYCLE
                .SPEC_NAME
                .eq(specName)
                .and(CYCLE.STATUS.in(OPEN_STATES))
                .and(CYCLE.MODE.ne(io.recon.workflows.cycle.Mode.KEYS.name())))
        .fetch(CYCLE.CYCLE_ID);
  }

  /** One cycle's stored row. */
  public Optional<StoredCycle> find(String cycleId) {
    return db.selectFrom(CYCLE)
        .where(CYCLE.CYCLE_ID.eq(cycleId))
        .fetchOptional()
        .map(StoredCycle::of);
  }

  /** The job's most recent cycles, newest first. */
  public List<StoredCycle> recent(String specName, int limit) {
    return db.selectFrom(CYCLE)
        .where(CYCLE.SPEC_NAME.eq(specName))
        .orderBy(CYCLE.STARTED_AT.desc())
        .limit(limit)
        .fetch(StoredCycle::of);
  }

  /**
   * Closes lost cycles as ABANDONED, with their audit row, without access to the target: their
   * APPLYING repair rows are settled by the next worker to start, or by a {@link CycleAbandoner}
   * given the target.
   */
  public CycleAbandoner abandoner() {
    return new CycleAbandoner(store, null, null);
  }
}
