package io.recon.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.recon.embedded.Ports;
import io.recon.embedded.testing.SharedEngines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production {@code cli/target/recon.jar} as the worker image runs it, in its own JVM: it
 * carries no dev-kit code or embedded engine, yet a worker started from it runs a cycle that a
 * {@code recon run} from it starts, and serves {@code /metrics}. The shade filters of module cli
 * are checked here, since every other test runs on the modules' class paths.
 */
class ProductionJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("recon.jar", "../cli/target/recon.jar"));
  private static final long MAX_BYTES = 40L * 1024 * 1024;

  private record Run(int exit, String out) {}

  @Test
  void productionJarCarriesNoDevKitNoEngineAndNoHarness() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: build module cli first");
    long size = Files.size(JAR);
    assertTrue(size < MAX_BYTES, JAR + " is " + size + " bytes, over 40 MB");
    List<String> forbidden =
        List.of(
            "io/recon/cli/dev/",
            "io/recon/cli/demo/",
            "io/recon/cli/bench/",
            "io/recon/cli/chaos/",
            "io/recon/embedded/",
            "io/zonky/",
            "de/bwaldvogel/",
            "io/temporal/testing/",
            "io/temporal/testserver/",
            "postgres-linux",
            "demo/customer-profiles.yaml");
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      List<String> found = new ArrayList<>();
      zip.stream()
          .map(e -> e.getName())
          .filter(name -> forbidden.stream().anyMatch(name::contains))
          .limit(10)
          .forEach(found::add);
      assertEquals(List.of(), found);
    }
  }

  @Test
  void helpHidesTheDevKitAndADevKitCommandSaysWhereItIs() throws Exception {
    Run help = recon(Map.of(), "--help");
    assertEquals(0, help.exit(), help.out());
    assertTrue(help.out().contains("  worker "), help.out());
    // The commands, not the environment footer (which names RECON_DEV_* "of recon dev").
    String commands = help.out().substring(0, help.out().indexOf("Environment (details"));
    for (String sub : new String[] {"dev", "demo", "bench", "chaos"}) {
      assertFalse(commands.contains("  " + sub + " "), sub + " listed in:\n" + commands);
    }
    Run demo = recon(Map.of(), "demo");
    assertEquals(2, demo.exit(), demo.out());
    assertEquals(1, demo.out().lines().count(), demo.out());
    assertTrue(demo.out().startsWith("recon: 'demo' is in the dev kit"), demo.out());
  }

  @Test
  void aWorkerFromTheProductionJarRunsACycleAndServesMetrics(@TempDir Path dir) throws Exception {
    String url = SharedEngines.newPostgresDatabase();
    String db = SharedEngines.newMongoDatabaseName();
    try (var c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create table items (id int primary key, name text)");
      s.execute("insert into items select g, 'item ' || g from generate_series(1, 20) g");
    }
    try (MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri())) {
      List<Document> docs = new ArrayList<>();
      for (int id = 1; id <= 20; id++) {
        docs.add(new Document("_id", id).append("name", id == 7 ? "stale" : "item " + id));
      }
      mongo.getDatabase(db).getCollection("items").insertMany(docs);
    }
    Path spec = dir.resolve("items.yaml");
    Files.writeString(
        spec,
        """
        name: items
        owner: catalog-team
        source: { table: public.items, key: [id] }
        target: { database: %s, collection: items, key: [_id] }
        fields:
          - { source: name, target: name, type: string, severity: low }
        settle: 0s
        repair: { auto: [low] }
        """
            .formatted(db));
    int metricsPort = Ports.free();
    // A stand-in OTLP collector: the jar's autoconfigured exporter (found through the service
    // files that the shade keeps) posts the worker's and the CLI's spans to it.
    OtlpReceiver collector = OtlpReceiver.start();
    Map<String, String> env =
        Map.of(
            "TEMPORAL_ADDRESS", SharedEngines.temporal().address(),
            "RECON_SOURCE_URL", url,
            "RECON_MONGO_URI", SharedEngines.mongo().uri(),
            "RECON_TASK_QUEUE", "prod-jar-" + db,
            "RECON_METRICS_PORT", String.valueOf(metricsPort),
            "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
    Path workerLog = dir.resolve("worker.log");
    Process worker = start(env, workerLog, "worker");
    try (collector) {
      awaitHealthy(worker, metricsPort, workerLog);
      Run run = recon(env, "run", spec.toString(), "--wait");
      assertEquals(0, run.exit(), run.out() + "\nworker:\n" + Files.readString(workerLog));
      assertTrue(run.out().contains("recon-items-"), run.out());
      try (MongoClient mongo = MongoClients.create(SharedEngines.mongo().uri())) {
        Document repaired =
            mongo.getDatabase(db).getCollection("items").find(new Document("_id", 7)).first();
        assertEquals("item 7", repaired.getString("name"));
      }
      HttpResponse<String> metrics = get(metricsPort, "/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("# TYPE "), metrics.body());
      // The CLI exports as it exits; the worker within its batch delay (5 s).
      assertTrue(collector.awaitService("recon-cli"), "no span of the CLI reached the collector");
      assertTrue(
          collector.awaitService("recon-worker"), "no span of the worker reached the collector");
    } finally {
      worker.destroy();
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
  }

  private static Process start(Map<String, String> env, Path log, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // Only the variables given: the test's own environment must not steer the jar.
    pb.environment()
        .keySet()
        .removeIf(
            k -> k.startsWith("RECON_") || k.startsWith("TEMPORAL_") || k.startsWith("OTEL_"));
    pb.environment().putAll(env);
    pb.redirectOutput(log.toFile());
    return pb.start();
  }

  private static Run recon(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile("recon-prod-jar", ".log");
    try {
      Process p = start(env, log, args);
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("recon " + String.join(" ", args) + " did not end");
      }
      return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Waits for /healthz to answer 200; fails at once if the worker exits. */
  private static void awaitHealthy(Process worker, int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      if (!worker.isAlive()) {
        throw new AssertionError("the worker exited:\n" + Files.readString(log));
      }
      try {
        if (get(port, "/healthz").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the worker never became healthy:\n" + Files.readString(log));
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
