package io.recon.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the recon store's migrations to schema {@code recon}.
 *
 * <p>Migrations live under {@code classpath:db/recon} rather than Flyway's default location so that
 * they never mix with an application's own migrations when the store shares a server with the
 * source tables. Flyway's history table lives inside the {@code recon} schema for the same reason.
 * Migrating is idempotent: an up-to-date store is left untouched.
 */
public final class StoreMigrator {
  public static final String SCHEMA = "recon";
  public static final String LOCATION = "classpath:db/recon";

  private StoreMigrator() {}

  /** Migrates the store to the latest version and returns how many migrations were applied. */
  public static Result migrate(DataSource dataSource) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .schemas(SCHEMA)
            .createSchemas(true)
            .locations(LOCATION)
            .load();
    MigrateResult result;
    try {
      result = flyway.migrate();
    } catch (FlywayException e) {
      // Flyway's own text is a multi-line report; the first lines say which migration differs.
      String detail =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : String.join(" ", e.getMessage().lines().limit(3).map(String::strip).toList());
      throw new IllegalStateException(
          "cannot migrate the recon store (schema "
              + SCHEMA
              + "): "
              + detail
              + " - a store migrated by another recon version, or edited by hand, needs"
              + " attention before workers can use it",
          e);
    }
    return new Result(result.migrationsExecuted, flyway.info().current().getVersion().toString());
  }

  /** What a migration run did: migrations applied now, and the store's resulting version. */
  public record Result(int applied, String version) {}
}
