package io.recon.activities.repair;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.recon.activities.compare.CompareActivitiesImpl;
import io.recon.activities.store.StoreActivitiesImpl;
import io.recon.core.spec.AuditKeys;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Limits;
import io.recon.core.spec.MissingPolicy;
import io.recon.core.spec.OrphanAction;
import io.recon.core.spec.OrphanPolicy;
import io.recon.core.spec.RepairPolicy;
import io.recon.core.spec.Severity;
import io.recon.core.spec.SourceSpec;
import io.recon.core.spec.TargetSpec;
import io.recon.embedded.testing.SharedEngines;
import io.recon.schema.StoreMigrator;
import io.recon.workflows.activities.CompareActivities;
import io.recon.workflows.activities.CycleRef;
import io.recon.workflows.activities.OpenCycle;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.activities.RepairActivities;
import io.recon.workflows.activities.StoreActivities;
import io.recon.workflows.cycle.Mode;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One isolated world per test, seeded so that detection finds: a LOW mismatch on email (key 2, with
 * an unmapped field to preserve), a HIGH mismatch on the score (3), a MISSING document (4) and an
 * ORPHAN (100). Keys 1 and 5 agree.
 */
final class RepairFixture implements AutoCloseable {
  final DataSource source = dataSource(SharedEngines.newPostgresDatabase());
  final DataSource store = dataSource(SharedEngines.newPostgresDatabase());
  final DSLContext db = DSL.using(store, SQLDialect.POSTGRES);
  final MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri());
  final String mongoDb = SharedEngines.newMongoDatabaseName();
  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final Map<String, AtomicInteger> writesPerKey = new ConcurrentHashMap<>();

  /** Runs just before each bulk write is sent: a test's concurrent writer. */
  volatile Runnable beforeWrites = () -> {};

  final RepairActivitiesImpl impl;
  final CompareActivities compare;
  final StoreActivities cycles;
  final RepairActivities repair;

  RepairFixture(AuditCipher cipher, int batchSize, Runnable afterBulkWrite) {
    StoreMigrator.migrate(store);
    impl =
        new RepairActivitiesImpl(
            source,
            store,
            mongo,
            cipher,
            batchSize,
            new RepairHooks(
                keys -> {
                  beforeWrites.run();
                  keys.forEach(
                      k ->
                          writesPerKey
                              .computeIfAbsent(k, x -> new AtomicInteger())
                              .incrementAndGet());
                },
                afterBulkWrite));
    env.registerActivitiesImplementations(
        new CompareActivitiesImpl(source, store, mongo), new StoreActivitiesImpl(store), impl);
    var options =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(Duration.ofMinutes(1))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();
    compare = env.newActivityStub(CompareActivities.class, options);
    cycles = env.newActivityStub(StoreActivities.class, options);
    repair = env.newActivityStub(RepairActivities.class, options);
    sql(
        "create table customers (id bigint primary key, email text, score numeric(10,2))",
        "insert into customers values (1,'a@x',1), (2,'b@x',2), (3,'c@x',3), (4,'d@x',4),"
            + " (5,'e@x',5)");
    docs()
        .insertMany(
            List.of(
                doc(1, "a@x", "1.00"),
                doc(2, "B-old@x", "2.00").append("note", "keep"),
                doc(3, "c@x", "9.00"),
                doc(5, "e@x", "5.00"),
                doc(100, "o@x", "0.00")));
  }

  RepairFixture() {
    this(null, RepairActivitiesImpl.BATCH, () -> {});
  }

  static Document doc(long id, String email, String score) {
    return new Document("_id", id)
        .append("email", email)
        .append("stats", new Document("score", Decimal128.parse(score)));
  }

  /** Everything auto-repaired unless the test narrows it; no gate unless the test sets one. */
  JobSpec spec(List<Severity> auto, OrphanAction orphan, double ratio, long max, AuditKeys keys) {
    return new JobSpec(
        "customers",
        "owner@example.com",
        List.of("alice"),
        new SourceSpec("customers", null, List.of("id"), null),
        new TargetSpec(mongoDb, "docs", List.of("_id")),
        List.of(
            new FieldSpec(
                "email",
                "email",
                FieldType.STRING,
                null,
                Severity.LOW,
                null,
                null,
                null,
                null,
                false),
            new FieldSpec(
                "score",
                "stats.score",
                FieldType.DECIMAL,
                null,
                Severity.HIGH,
                2,
                null,
                null,
                null,
                false)),
        false,
        new MissingPolicy(Severity.LOW),
        new OrphanPolicy(Severity.HIGH, orphan),
        1,
        1,
        Duration.ZERO,
        new RepairPolicy(auto, Duration.ofHours(1), ratio, max),
        null,
        keys,
        Limits.NONE);
  }

  JobSpec spec() {
    return spec(
        List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH),
        OrphanAction.DELETE,
        1.0,
        1000,
        AuditKeys.PLAIN);
  }

  /** Opens, plans, compares and rechecks the cycle; returns the records compared. */
  long detect(JobSpec spec, String cycleId) {
    cycles.openCycle(new OpenCycle(spec, cycleId, "run", Mode.FULL, "tester", Instant.now()));
    int ranges = compare.planRanges(new PlanRequest(spec, cycleId, Mode.FULL, null)).ranges();
    long compared = 0;
    for (int i = 0; i < ranges; i++) {
      var r = new RangeRequest(spec, cycleId, i, Mode.FULL, null, "wf", "run");
      compared += compare.compareRange(r).volumes().compared();
      compare.recheckRange(r);
    }
    return compared;
  }

  CycleRef ref(JobSpec spec, String cycleId) {
    return new CycleRef(spec, cycleId);
  }

  MongoCollection<Document> docs() {
    return mongo.getDatabase(mongoDb).getCollection("docs");
  }

  Document find(long id) {
    return docs().find(new Document("_id", id)).first();
  }

  /** Status of the discrepancy of key {@code id}. */
  String status(String cycleId, long id) {
    return db.fetchValue(
            "select status from recon.discrepancy where cycle_id = ? and key_json = ?",
            cycleId,
            "{\"id\":" + id + "}")
        .toString();
  }

  long discrepancyId(String cycleId, long id) {
    return ((Number)
            db.fetchValue(
                "select id from recon.discrepancy where cycle_id = ? and key_json = ?",
                cycleId,
                "{\"id\":" + id + "}"))
        .longValue();
  }

  long count(String sql, Object... binds) {
    return ((Number) db.fetchValue(sql, binds)).longValue();
  }

  List<String> actions(String cycleId) {
    return db.fetch("select action from recon.audit_event where cycle_id = ? order by seq", cycleId)
        .getValues(0, String.class);
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

  static DataSource dataSource(String url) {
    var ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser("postgres");
    return ds;
  }

  @Override
  public void close() {
    env.close();
    mongo.close();
  }
}
