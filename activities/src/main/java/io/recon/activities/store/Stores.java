package io.recon.activities.store;

import io.recon.activities.support.Failures;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The recon store through jOOQ, with its failures classified like every other database's. */
final class Stores {
  private Stores() {}

  static DSLContext dsl(DataSource store) {
    return DSL.using(store, SQLDialect.POSTGRES);
  }

  /** Runs {@code work}, classifying a database failure as permanent or transient. */
  static <T> T run(DSLContext dsl, String what, Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (DataAccessException e) {
      throw Failures.classify(what, e);
    }
  }
}
