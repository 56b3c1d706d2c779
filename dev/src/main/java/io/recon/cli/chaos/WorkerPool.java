package io.recon.cli.chaos;

import io.recon.cli.bench.WorkerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker JVMs of a chaos run: {@code size} of them, each a separate {@code recon worker}
 * process. A killed worker is replaced in the background, so the cycle must carry on with the
 * others meanwhile. Starts are bounded: a pool that cannot start workers stops trying.
 */
final class WorkerPool implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private final int size;
  private final String xmx;
  private final Map<String, String> env;
  private final Path logs;
  private final int maxStarts;
  private final List<WorkerProcess> ready = new CopyOnWriteArrayList<>();
  private final List<WorkerProcess> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger starting = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger failedStarts = new AtomicInteger();
  private final ExecutorService starter = Executors.newFixedThreadPool(2, daemon());

  WorkerPool(int size, String xmx, Map<String, String> env, Path logs, int maxStarts) {
    this.size = size;
    this.xmx = xmx;
    this.env = env;
    this.logs = logs;
    this.maxStarts = maxStarts;
  }

  /** Starts the first workers and waits until they poll. */
  void startAll() throws IOException, InterruptedException {
    var list = new ArrayList<WorkerProcess>();
    for (int i = 0; i < size; i++) {
      WorkerProcess w = WorkerProcess.start(xmx, List.of(), env, log());
      all.add(w);
      list.add(w);
    }
    for (WorkerProcess w : list) {
      w.awaitPolling(START_TIMEOUT);
      ready.add(w);
    }
  }

  /** Starts replacements in the background until the pool is full again. */
  void replenish() {
    ready.removeIf(w -> !w.alive());
    while (ready.size() + starting.get() < size && started.get() < maxStarts) {
      starting.incrementAndGet();
      starter.submit(
          () -> {
            try {
              WorkerProcess w = WorkerProcess.start(xmx, List.of(), env, log());
              all.add(w);
              try {
                w.awaitPolling(START_TIMEOUT);
                ready.add(w);
              } catch (RuntimeException | IOException e) {
                // For example PostgreSQL is down while it migrates: try again with another one.
                failedStarts.incrementAndGet();
                w.close();
              }
            } catch (IOException | InterruptedException e) {
              failedStarts.incrementAndGet();
            } finally {
              starting.decrementAndGet();
            }
            return null;
          });
    }
  }

  /** SIGKILLs one ready worker at random; null when none is ready. */
  WorkerProcess killOne(Random random) throws InterruptedException {
    ready.removeIf(w -> !w.alive());
    if (ready.isEmpty()) {
      return null;
    }
    WorkerProcess victim = ready.remove(random.nextInt(ready.size()));
    victim.kill();
    replenish();
    return victim;
  }

  int ready() {
    ready.removeIf(w -> !w.alive());
    return ready.size();
  }

  int failedStarts() {
    return failedStarts.get();
  }

  private Path log() {
    return logs.resolve("worker-" + started.incrementAndGet() + ".log");
  }

  @Override
  public void close() {
    starter.shutdownNow();
    for (WorkerProcess w : all) {
      if (w.alive()) {
        w.close();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "chaos-worker-starter");
      t.setDaemon(true);
      return t;
    };
  }
}
