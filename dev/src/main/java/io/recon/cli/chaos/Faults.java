package io.recon.cli.chaos;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The outages besides worker kills: PostgreSQL stopped (source and store, one server) and MongoDB
 * traffic cut at the proxy, each for {@code duration}, in the background while the cycle runs.
 */
final class Faults {
  enum Kind {
    POSTGRES,
    MONGO
  }

  private final PostgresOutage postgres;
  private final MongoProxy proxy;
  private final Duration duration;
  private final PrintWriter out;
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
  private volatile String failure;

  Faults(PostgresOutage postgres, MongoProxy proxy, Duration duration, PrintWriter out) {
    this.postgres = postgres;
    this.proxy = proxy;
    this.duration = duration;
    this.out = out;
  }

  Duration duration() {
    return duration;
  }

  /** Starts an outage now; returns what it is, for the report. */
  String start(Kind kind, ChaosPhase phase) {
    String what =
        (kind == Kind.POSTGRES ? "PostgreSQL stopped" : "MongoDB cut")
            + " for "
            + duration.toSeconds()
            + " s in "
            + phase;
    say("    %s", what);
    if (kind == Kind.MONGO) {
      proxy.cut(duration.toMillis());
      running = CompletableFuture.runAsync(this::sleep);
    } else {
      running =
          CompletableFuture.runAsync(
              () -> {
                try {
                  postgres.stop();
                  sleep();
                } catch (Exception e) {
                  failure = "stopping PostgreSQL failed: " + e.getMessage();
                } finally {
                  try {
                    postgres.start();
                    say("    PostgreSQL is back");
                  } catch (Exception e) {
                    failure = "restarting PostgreSQL failed: " + e.getMessage();
                  }
                }
              });
    }
    return what;
  }

  /** Waits until the outage in progress is over (bounded: its duration and two minutes). */
  void awaitQuiet() throws Exception {
    running.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void say(String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
