package io.recon.starter;

import static io.recon.schema.jooq.Tables.CYCLE;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The client side's view of {@code recon.cycle}. */
public final class CycleStore {
  /** States of a cycle that is still open; one job has at most one. */
  public static final List<String> OPEN_STATES = List.of("RUNNING", "AWAITING_APPROVAL", "GATED");

  private final DSLContext db;

  public CycleStore(DataSource store) {
    this.db = DSL.using(store, SQLDialect.POSTGRES);
  }

  /** Ids of the job's cycles that the store still records as open. */
  public List<String> activeCycles(String specName) {
    return db.select(CYCLE.CYCLE_ID)
        .from(CYCLE)
        .where(CYCLE.SPEC_NAME.eq(specName).and(CYCLE.STATUS.in(OPEN_STATES)))
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

  /** Closes a row whose workflow is gone, so it no longer blocks the job. */
  public void markAbandoned(String cycleId, String reason) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    db.update(CYCLE)
        .set(CYCLE.STATUS, "FAILED")
        .set(CYCLE.ERROR, reason)
        .set(CYCLE.FINISHED_AT, now)
        .set(CYCLE.UPDATED_AT, now)
        .where(CYCLE.CYCLE_ID.eq(cycleId).and(CYCLE.STATUS.in(OPEN_STATES)))
        .execute();
  }
}
