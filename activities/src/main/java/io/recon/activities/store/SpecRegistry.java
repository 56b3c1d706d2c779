package io.recon.activities.store;

import static io.recon.schema.jooq.Tables.SPEC_VERSION;

import io.recon.activities.audit.AuditEvent;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.support.StoreJson;
import io.recon.core.audit.AuditAction;
import io.recon.core.spec.JobSpec;
import io.recon.schema.jooq.tables.records.SpecVersionRecord;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The versioned spec registry in the recon store: {@code recon spec apply} appends versions, the
 * CLI lists, shows and diffs them, and workers resolve cycles started by name from it. Versions are
 * numbered from 1 per name and never change.
 */
public final class SpecRegistry {
  /** The audit action of a stored version, as stored. */
  public static final String SPEC_APPLIED = AuditAction.SPEC_APPLIED.text();

  private final DSLContext dsl;
  private final Clock clock;
  private final AuditLog audit;

  public SpecRegistry(DataSource store, Clock clock) {
    this.dsl = Stores.dsl(store);
    this.clock = clock;
    this.audit = new AuditLog(clock);
  }

  /**
   * What {@link #apply} did.
   *
   * @param created false when the latest version already had this hash, so nothing was stored
   */
  public record Applied(SpecVersion version, boolean created) {}

  /**
   * Stores {@code spec}, whose text is {@code yaml}, as the next version of its name, with an audit
   * row {@link #SPEC_APPLIED} in the same transaction. A spec whose canonical hash equals the
   * latest version's stores nothing and returns that version: re-applying is a no-op. The caller
   * has validated {@code spec}; {@code yaml} is kept exactly as given.
   */
  public Applied apply(JobSpec spec, String yaml, String by) {
    String hash = spec.canonicalHash();
    return dsl.transactionResult(
        tx -> {
          DSLContext ctx = tx.dsl();
          ctx.execute("select pg_advisory_xact_lock(hashtext(?))", "recon.spec:" + spec.name());
          Optional<SpecVersion> latest = latest(ctx, spec.name());
          if (latest.isPresent() && latest.get().hash().equals(hash)) {
            return new Applied(latest.get(), false);
          }
          int version = latest.map(v -> v.version() + 1).orElse(1);
          var now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
          ctx.insertInto(SPEC_VERSION)
              .set(SPEC_VERSION.NAME, spec.name())
              .set(SPEC_VERSION.VERSION, version)
              .set(SPEC_VERSION.SPEC_HASH, hash)
              .set(SPEC_VERSION.YAML, yaml)
              .set(SPEC_VERSION.APPLIED_BY, by)
              .set(SPEC_VERSION.APPLIED_AT, now)
              .execute();
          Map<String, Object> detail = new LinkedHashMap<>();
          detail.put("version", version);
          detail.put("specHash", hash);
          latest.ifPresent(v -> detail.put("previousVersion", v.version()));
          audit.append(
              ctx,
              spec.name(),
              List.of(
                  new AuditEvent(
                      null,
                      by,
                      AuditAction.SPEC_APPLIED,
                      "spec " + spec.name() + " version " + version,
                      StoreJson.write(detail),
                      null)));
          return new Applied(new SpecVersion(spec.name(), version, hash, yaml, by, now), true);
        });
  }

  /** The latest version of every name, by name. */
  public List<SpecVersion> list() {
    var latest =
        DSL.select(SPEC_VERSION.NAME, DSL.max(SPEC_VERSION.VERSION).as("version"))
            .from(SPEC_VERSION)
            .groupBy(SPEC_VERSION.NAME)
            .asTable("latest");
    return dsl.select(SPEC_VERSION.fields())
        .from(SPEC_VERSION)
        .join(latest)
        .on(
            SPEC_VERSION.NAME.eq(latest.field(SPEC_VERSION.NAME)),
            SPEC_VERSION.VERSION.eq(latest.field("version", Integer.class)))
        .orderBy(SPEC_VERSION.NAME)
        .fetchInto(SPEC_VERSION)
        .map(SpecRegistry::of);
  }

  /**
   * Version {@code version} of {@code name}, or its latest when {@code version} is null.
   *
   * @throws UnknownSpecException when there is no such name or version
   */
  public SpecVersion get(String name, Integer version) {
    if (version == null) {
      return latest(dsl, name)
          .orElseThrow(
              () ->
                  new UnknownSpecException(
                      "unknown spec '"
                          + name
                          + "': it was never applied (recon spec list shows the"
                          + " registered specs)"));
    }
    SpecVersionRecord r =
        dsl.selectFrom(SPEC_VERSION)
            .where(SPEC_VERSION.NAME.eq(name), SPEC_VERSION.VERSION.eq(version))
            .fetchOne();
    if (r != null) {
      return of(r);
    }
    int newest = latest(dsl, name).map(SpecVersion::version).orElse(0);
    throw new UnknownSpecException(
        newest == 0
            ? "unknown spec '"
                + name
                + "': it was never applied (recon spec list shows the"
                + " registered specs)"
            : "spec '"
                + name
                + "' has no version "
                + version
                + "; its versions are 1 to "
                + newest);
  }

  private static Optional<SpecVersion> latest(DSLContext ctx, String name) {
    return ctx.selectFrom(SPEC_VERSION)
        .where(SPEC_VERSION.NAME.eq(name))
        .orderBy(SPEC_VERSION.VERSION.desc())
        .limit(1)
        .fetchOptional()
        .map(SpecRegistry::of);
  }

  private static SpecVersion of(SpecVersionRecord r) {
    return new SpecVersion(
        r.getName(),
        r.getVersion(),
        r.getSpecHash(),
        r.getYaml(),
        r.getAppliedBy(),
        r.getAppliedAt());
  }
}
