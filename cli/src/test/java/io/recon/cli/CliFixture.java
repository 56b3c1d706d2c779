package io.recon.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.testing.SharedEngines;
import io.recon.worker.ReconWorker;
import io.recon.worker.WorkerLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The CLI against the embedded stack, as a user runs it: a worker on its own task queue and
 * databases, and commands that see only environment variables.
 */
final class CliFixture implements AutoCloseable {
  final String url = SharedEngines.newPostgresDatabase();
  final String mongoDb = SharedEngines.newMongoDatabaseName();
  final Map<String, String> env = new HashMap<>();
  final MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri());
  final ReconWorker worker;

  record Run(int exit, String out, String err) {
    String firstLine() {
      return out.lines().findFirst().orElse("");
    }
  }

  CliFixture() {
    this(java.util.function.UnaryOperator.identity());
  }

  /** With each activity implementation passed through {@code decorateActivities}. */
  CliFixture(java.util.function.UnaryOperator<Object> decorateActivities) {
    env.put("TEMPORAL_ADDRESS", SharedEngines.temporal().address());
    env.put("RECON_SOURCE_URL", url);
    env.put("RECON_MONGO_URI", SharedEngines.mongo().uri());
    env.put("RECON_TASK_QUEUE", "cli-" + mongoDb);
    env.put("RECON_METRICS_PORT", "0");
    worker =
        ReconWorker.start(
            ReconConfig.fromEnv(env),
            WorkerLimits.fromEnv(env).withoutStickyExecution(),
            decorateActivities);
  }

  Run run(String... args) {
    return run(env, args);
  }

  Run run(Map<String, String> environment, String... args) {
    CommandLine cl = ReconCommand.commandLine(new CliContext(environment));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  void sql(String... statements) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of {@code sql}, as text. */
  String query(String sql) {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Path write(Path dir, String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, yaml.replace("${db}", mongoDb));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    worker.close();
    mongo.close();
  }
}
