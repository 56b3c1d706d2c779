package io.recon.activities.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.recon.activities.store.StoreActivitiesImpl;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.TargetSpec;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.SettledCounts;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.bson.Document;
import org.postgresql.ds.PGSimpleDataSource;

/** One isolated world per test: a source database, a store, a MongoDB database, the activities. */
final class Fixture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final DataSource source = dataSource(SharedEngines.newPostgresDatabase());
  final DataSource store = dataSource(SharedEngines.newPostgresDatabase());
  final MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri());
  final String mongoDb = SharedEngines.newMongoDatabaseName();
  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final CompareActivities compare;
  final StoreActivities cycles;

  Fixture(int pageSize, Consumer<Checkpoint> afterChunk) {
    StoreMigrator.migrate(store);
    env.registerActivitiesImplementations(
        new CompareActivitiesImpl(source, store, mongo, pageSize, afterChunk),
        new StoreActivitiesImpl(store));
    var options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    compare = env.newActivityStub(CompareActivities.class, options);
    cycles = env.newActivityStub(StoreActivities.class, options);
  }

  Fixture(int pageSize) {
    this(pageSize, c -> {});
  }

  static DataSource dataSource(String url) {
    var ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser("postgres");
    return ds;
  }

  static JobSpec spec(
      String name,
      SourceSpec source,
      List<String> targetKey,
      int partitions,
      List<FieldSpec> fields) {
    return new JobSpec(
        name,
        "owner@example.com",
        null,
        source,
        new TargetSpec("placeholder", "docs", targetKey),
        fields,
        false,
        null,
        null,
        partitions,
        1,
        Duration.ZERO,
        null,
        null,
        null,
        Limits.NONE);
  }

  /** {@code spec} pointed at this fixture's MongoDB database. */
  JobSpec here(JobSpec s) {
    return new JobSpec(
        s.name(),
        s.owner(),
        s.approvers(),
        s.source(),
        new TargetSpec(mongoDb, s.target().collection(), s.target().key()),
        s.fields(),
        s.nullEqualsAbsent(),
        s.missing(),
        s.orphan(),
        s.partitions(),
        s.parallelism(),
        s.settle(),
        s.repair(),
        s.schedule(),
        s.auditKeys(),
        Limits.NONE);
  }

  MongoCollection<Document> docs() {
    return mongo.getDatabase(mongoDb).getCollection("docs");
  }

  void sql(String... statements) {
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void open(JobSpec spec, String cycleId, Mode mode) {
    cycles.openCycle(new OpenCycle(spec, cycleId, "run", mode, "test", Instant.now()));
  }

  RangePlan plan(JobSpec spec, String cycleId, Mode mode, Instant since) {
    return compare.planRanges(new PlanRequest(spec, cycleId, mode, since));
  }

  RangeRequest range(JobSpec spec, String cycleId, int index, Mode mode, Instant since) {
    return new RangeRequest(spec, cycleId, index, mode, since, "wf", "run");
  }

  /** Plans, then compares every range; returns the summed compare counts. */
  DetectedCounts compareAll(JobSpec spec, String cycleId, Mode mode, Instant since) {
    open(spec, cycleId, mode);
    RangePlan plan = plan(spec, cycleId, mode, since);
    DetectedCounts total = DetectedCounts.ZERO;
    for (int i = 0; i < plan.ranges(); i++) {
      total = total.plus(compare.compareRange(range(spec, cycleId, i, mode, since)));
    }
    return total;
  }

  SettledCounts recheckAll(JobSpec spec, String cycleId, Mode mode, Instant since) {
    int ranges = plan(spec, cycleId, mode, since).ranges();
    SettledCounts total = SettledCounts.NONE;
    for (int i = 0; i < ranges; i++) {
      total = total.plus(compare.recheckRange(range(spec, cycleId, i, mode, since)));
    }
    return total;
  }

  /** Every stored discrepancy of the cycle as "STATUS KIND key [paths]", sorted. */
  TreeSet<String> discrepancies(String cycleId) {
    var set = new TreeSet<String>();
    try (Connection c = store.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select status, kind, key_json, fields from recon.discrepancy where cycle_id = '"
                    + cycleId
                    + "'")) {
      while (rs.next()) {
        var paths = new TreeSet<String>();
        for (JsonNode f : JSON.readTree(rs.getString(4))) {
          paths.add(f.get("path").asText());
        }
        set.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + paths);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return set;
  }

  long storeCount(String sql) {
    try (Connection c = store.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    env.close();
    mongo.close();
  }
}
