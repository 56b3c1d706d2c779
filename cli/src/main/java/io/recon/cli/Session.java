package io.recon.cli;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariDataSource;
import io.recon.activities.repair.AuditCipher;
import io.recon.activities.store.CycleAbandoner;
import io.recon.activities.support.Connections;
import io.recon.core.config.ConfigVar;
import io.recon.core.config.Endpoint;
import io.recon.core.config.EndpointUnavailableException;
import io.recon.core.config.ReconConfig;
import io.recon.starter.CycleClient;
import io.recon.starter.CycleStore;
import io.recon.starter.TemporalConnections;
import io.recon.starter.tracing.Tracing;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;

/**
 * What one CLI command connects to, opened lazily so that a command touches only the engines it
 * needs, and closed when the command ends.
 */
public final class Session implements AutoCloseable {
  private final ReconConfig config;
  private final CliContext context;

  /** The service name of the CLI's spans when {@code OTEL_SERVICE_NAME} is unset. */
  static final String CLIENT_SERVICE = "recon-cli";

  private WorkflowServiceStubs stubs;
  private Tracing tracing = Tracing.off();
  private WorkflowClient client;
  private HikariDataSource store;
  private HikariDataSource pruner;
  private MongoClient mongo;

  public Session(ReconConfig config, CliContext context) {
    this.config = config;
    this.context = context;
  }

  public ReconConfig config() {
    return config;
  }

  WorkflowClient temporal() {
    if (client == null) {
      // First, so that a bad OTEL_* setting is reported before any connection is tried.
      tracing = Tracing.fromConfig(config, CLIENT_SERVICE);
      stubs = TemporalConnections.connect(config);
      client = TemporalConnections.client(stubs, config, tracing);
    }
    return client;
  }

  public HikariDataSource store() {
    if (store == null) {
      try {
        store = Connections.postgres(config.store(), "recon-cli", 2);
      } catch (RuntimeException e) {
        String variable =
            config.isSet(ReconConfig.RECON_STORE_URL)
                ? ReconConfig.RECON_STORE_URL
                : ReconConfig.RECON_SOURCE_URL;
        throw new EndpointUnavailableException(
            "PostgreSQL store", variable, config.store().toString(), e);
      }
    }
    return store;
  }

  /**
   * The store as {@code recon prune} reaches it: the pruner login ({@code RECON_PRUNER_USER} and
   * {@code RECON_PRUNER_PASSWORD}), the only one granted DELETE, or the store login when unset.
   */
  HikariDataSource pruner() {
    if (!config.isSet(ConfigVar.RECON_PRUNER_USER.name())) {
      return store();
    }
    if (pruner == null) {
      Endpoint login =
          new Endpoint(
              config.store().url(),
              config.setting(ConfigVar.RECON_PRUNER_USER).orElseThrow(),
              config.setting(ConfigVar.RECON_PRUNER_PASSWORD).orElse(null));
      try {
        pruner = Connections.postgres(login, "recon-prune", 2);
      } catch (RuntimeException e) {
        throw new EndpointUnavailableException(
            "PostgreSQL store", ConfigVar.RECON_PRUNER_USER.name(), login.toString(), e);
      }
    }
    return pruner;
  }

  /** The login {@link #pruner()} connects as, for messages. */
  String prunerLogin() {
    return config
        .setting(ConfigVar.RECON_PRUNER_USER)
        .orElse(config.store().user() == null ? "(driver default)" : config.store().user());
  }

  CycleStore cycles() {
    return new CycleStore(store());
  }

  /**
   * The target, opened on first use. The driver connects lazily, so a command that only needs it in
   * a rare case (settling the repairs of an abandoned cycle) costs nothing otherwise.
   */
  MongoClient mongo() {
    if (mongo == null) {
      mongo = Connections.mongo(config.mongo());
    }
    return mongo;
  }

  /** The cipher of stored repair images, from the context's {@code RECON_AUDIT_KEY}. */
  AuditCipher auditCipher() {
    return context.auditCipher();
  }

  /** A cycle client that closes lost cycles and settles their repairs against the target. */
  public CycleClient cycleClient() {
    return new CycleClient(
        temporal(),
        config.taskQueue(),
        cycles(),
        Clock.systemUTC(),
        new CycleAbandoner(store(), mongo(), auditCipher()));
  }

  @Override
  public void close() {
    if (mongo != null) {
      mongo.close();
    }
    if (pruner != null) {
      pruner.close();
    }
    if (store != null) {
      store.close();
    }
    if (stubs != null) {
      stubs.shutdown();
    }
    // Exports the command's spans (the start of a cycle, its signals) before the process exits.
    tracing.close();
  }
}
