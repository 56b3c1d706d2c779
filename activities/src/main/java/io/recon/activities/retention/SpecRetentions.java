package io.recon.activities.retention;

import static io.recon.schema.jooq.Tables.SPEC_VERSION;

import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Retention;
import io.recon.core.spec.SpecException;
import io.recon.core.spec.SpecLoader;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The windows a prune applies to one spec: the {@code retention:} of the spec's newest registered
 * version, each window it leaves unset taken from the global settings. A spec the registry does not
 * hold (its cycles ran before the registry, or with an inline spec) takes the global windows.
 */
final class SpecRetentions {
  private final DSLContext db;
  private final Retention global;

  SpecRetentions(DSLContext db, Retention global) {
    this.db = db;
    this.global = global == null ? Retention.FOREVER : global;
  }

  /**
   * @throws IllegalArgumentException when the newest version no longer parses, or its windows and
   *     the global ones together break a retention rule
   */
  Retention of(String spec) {
    Record2<Integer, String> newest =
        db.select(SPEC_VERSION.VERSION, SPEC_VERSION.YAML)
            .from(SPEC_VERSION)
            .where(SPEC_VERSION.NAME.eq(spec))
            .orderBy(SPEC_VERSION.VERSION.desc())
            .limit(1)
            .fetchOne();
    if (newest == null) {
      return global;
    }
    JobSpec parsed;
    try {
      parsed = SpecLoader.parse(newest.value2(), "spec " + spec + " version " + newest.value1());
    } catch (SpecException e) {
      throw new IllegalArgumentException(
          "spec "
              + spec
              + " version "
              + newest.value1()
              + " does not parse: "
              + e.problems().get(0));
    }
    Retention own = parsed.retention();
    return own == null ? global : own.over(global);
  }
}
