package io.recon.starter.schedule;

import static io.recon.schema.jooq.Tables.SCHEDULE;

import io.recon.schema.jooq.tables.records.ScheduleRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The {@code recon.schedule} rows: which schedules exist, with the spec each one runs. */
public final class ScheduleStore {
  private final DSLContext db;

  public ScheduleStore(DataSource store) {
    this.db = DSL.using(store, SQLDialect.POSTGRES);
  }

  void insert(
      String name,
      String specName,
      String specJson,
      String cron,
      ScheduleBackend backend,
      String workflowId,
      String createdBy) {
    db.insertInto(SCHEDULE)
        .set(SCHEDULE.NAME, name)
        .set(SCHEDULE.SPEC_NAME, specName)
        .set(SCHEDULE.SPEC_JSON, specJson)
        .set(SCHEDULE.CRON, cron)
        .set(SCHEDULE.BACKEND, backend.name())
        .set(SCHEDULE.WORKFLOW_ID, workflowId)
        .set(SCHEDULE.CREATED_BY, createdBy)
        .set(SCHEDULE.CREATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .execute();
  }

  Optional<ScheduleRecord> find(String name) {
    return db.selectFrom(SCHEDULE).where(SCHEDULE.NAME.eq(name)).fetchOptional();
  }

  List<ScheduleRecord> all() {
    return db.selectFrom(SCHEDULE).orderBy(SCHEDULE.NAME).fetch();
  }

  void delete(String name) {
    db.deleteFrom(SCHEDULE).where(SCHEDULE.NAME.eq(name)).execute();
  }
}
