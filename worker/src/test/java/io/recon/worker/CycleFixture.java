package io.recon.worker;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.SharedEngines;
import io.recon.starter.CycleClient;
import io.recon.starter.CycleStore;
import io.recon.starter.tracing.Tracing;
import io.recon.workflows.cycle.CycleResult;
import io.recon.workflows.cycle.Mode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * A real cycle on the embedded engines: a fresh PostgreSQL database (source and store), a fresh
 * MongoDB database, and a worker on its own task queue, connected exactly as a deployed one is.
 */
public final class CycleFixture implements AutoCloseable {
  public final String url = SharedEngines.newPostgresDatabase();
  public final String mongoDb = SharedEngines.newMongoDatabaseName();
  public final String taskQueue = "it-" + mongoDb;
  public final MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri());
  public final ReconWorker worker;
  public final CycleClient cycles;

  /**
   * Starts the worker. Its {@code /metrics} takes a free port ({@link ReconWorker#metricsPort()}),
   * since other builds on the machine may hold the default one. It runs without sticky execution,
   * as every worker on the embedded Temporal server must.
   */
  public CycleFixture() {
    this(UnaryOperator.identity());
  }

  /** With each activity implementation passed through {@code decorateActivities}. */
  CycleFixture(UnaryOperator<Object> decorateActivities) {
    this(decorateActivities, null);
  }

  /**
   * With the worker, and the client this fixture starts cycles from, tracing into {@code tracing}.
   */
  CycleFixture(Tracing tracing) {
    this(UnaryOperator.identity(), tracing);
  }

  private CycleFixture(UnaryOperator<Object> decorateActivities, Tracing tracing) {
    ReconConfig config =
        ReconConfig.fromEnv(
            Map.of(
                "TEMPORAL_ADDRESS",
                SharedEngines.temporal().address(),
                "RECON_SOURCE_URL",
                url,
                "RECON_MONGO_URI",
                SharedEngines.mongo().uri(),
                "RECON_TASK_QUEUE",
                taskQueue,
                "RECON_METRICS_PORT",
                "0"));
    worker =
        ReconWorker.start(
            config, WorkerLimits.of(config).withoutStickyExecution(), decorateActivities, tracing);
    cycles =
        new CycleClient(
            worker.resources().client(),
            taskQueue,
            new CycleStore(worker.resources().store()),
            Clock.systemUTC());
  }

  public JobSpec spec(String yaml) {
    return SpecLoader.parse(yaml.replace("${db}", mongoDb), "it.yaml");
  }

  public MongoCollection<Document> collection(String name) {
    return mongo.getDatabase(mongoDb).getCollection(name);
  }

  public void sql(String... statements) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<List<String>> rows(String query) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<List<String>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a cycle under the default id, which is unique even for two starts in one second. */
  public String start(JobSpec spec, Mode mode) {
    return cycles.start(spec, mode, "it", null);
  }

  public CycleResult await(String cycleId) throws Exception {
    return worker
        .resources()
        .client()
        .newUntypedWorkflowStub(cycleId)
        .getResultAsync(CycleResult.class)
        .get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    worker.close();
    mongo.close();
  }
}
