package io.recon.worker.metrics;

import com.mongodb.client.MongoClient;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.bson.Document;

/**
 * Whether the engines a worker needs answer now: Temporal, the PostgreSQL source and store, and
 * MongoDB. The checks run at once, each bounded by {@link #DEADLINE_SECONDS} whatever the drivers'
 * own timeouts, so a probe answers within a few seconds even when an engine hangs.
 */
public final class HealthCheck implements AutoCloseable {
  static final int DEADLINE_SECONDS = 2;

  /** Each engine's name and whether it answered ("up") or why not. Ready when all are up. */
  public record Result(Map<String, String> engines) {
    public boolean ready() {
      return engines.values().stream().allMatch("up"::equals);
    }
  }

  private final Map<String, Callable<Object>> checks = new LinkedHashMap<>();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "recon-healthz");
            t.setDaemon(true);
            return t;
          });

  public HealthCheck(
      WorkflowServiceStubs temporal, DataSource source, DataSource store, MongoClient mongo) {
    checks.put(
        "Temporal",
        () ->
            temporal
                .blockingStub()
                .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()));
    checks.put("PostgreSQL source", () -> valid(source));
    checks.put("PostgreSQL store", () -> valid(store));
    checks.put("MongoDB", () -> mongo.getDatabase("admin").runCommand(new Document("ping", 1)));
  }

  public Result check() {
    Map<String, Future<Object>> running = new LinkedHashMap<>();
    checks.forEach((name, check) -> running.put(name, executor.submit(check)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS + 1);
    Map<String, String> engines = new LinkedHashMap<>();
    running.forEach(
        (name, future) -> {
          try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            engines.put(name, "up");
          } catch (TimeoutException e) {
            future.cancel(true);
            engines.put(name, "down: no answer within " + (DEADLINE_SECONDS + 1) + "s");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engines.put(name, "down: interrupted");
          } catch (Exception e) {
            // Only the exception's type: driver messages may carry hosts or user names.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            engines.put(name, "down: " + cause.getClass().getSimpleName());
          }
        });
    return new Result(engines);
  }

  private static Object valid(DataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      if (!c.isValid(DEADLINE_SECONDS)) {
        throw new IllegalStateException("connection not valid");
      }
      return Boolean.TRUE;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
