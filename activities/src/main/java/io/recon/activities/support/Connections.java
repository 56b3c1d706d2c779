package io.recon.activities.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.core.config.Endpoint;
import java.util.concurrent.TimeUnit;

/** Opens the pools and clients that activities share. Credentials never reach a log line. */
public final class Connections {
  private Connections() {}

  /** A bounded JDBC pool; it fails fast at creation when the server cannot be reached. */
  public static HikariDataSource postgres(Endpoint endpoint, String poolName, int maxSize) {
    return new HikariDataSource(config(endpoint, poolName, maxSize));
  }

  private static HikariConfig config(Endpoint endpoint, String poolName, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(endpoint.url());
    if (endpoint.user() != null) {
      config.setUsername(endpoint.user());
    }
    if (endpoint.password() != null) {
      config.setPassword(endpoint.password());
    }
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
    config.setInitializationFailTimeout(TimeUnit.SECONDS.toMillis(10));
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("ApplicationName", "recon");
    return config;
  }

  /**
   * A bounded pool to the source, read-only at two levels: the session's default is read-only
   * ({@code default_transaction_read_only}, set as each connection opens), so even an autocommit
   * statement or one after a stacked {@code COMMIT} cannot write; and Hikari marks each connection
   * read-only (restoring that when a borrower changed it), so the driver begins every transaction
   * with {@code BEGIN READ ONLY}. PostgreSQL refuses any write on it with SQLState 25006. Never
   * share this pool with the store, which must stay writable.
   */
  public static HikariDataSource readOnlyPostgres(Endpoint endpoint, String poolName, int maxSize) {
    return new HikariDataSource(readOnly(config(endpoint, poolName, maxSize)));
  }

  static HikariConfig readOnly(HikariConfig config) {
    config.setReadOnly(true);
    // Not the driver's readOnlyMode=always: it sets the session back to read-write whenever
    // autocommit is switched off, which is how every source read runs.
    config.setConnectionInitSql("set session characteristics as transaction read only");
    return config;
  }

  /** A MongoDB client whose server selection gives up after a few seconds instead of thirty. */
  public static MongoClient mongo(Endpoint endpoint) {
    MongoClientSettings.Builder settings =
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(endpoint.url()))
            .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
            .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS));
    if (endpoint.user() != null) {
      char[] password =
          endpoint.password() == null ? new char[0] : endpoint.password().toCharArray();
      settings.credential(MongoCredential.createCredential(endpoint.user(), "admin", password));
    }
    return MongoClients.create(settings.build());
  }
}
