package io.recon.cli.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code recon worker} in its own JVM, started from the jar this command runs from, so that its
 * heap is bounded by {@code -Xmx} and can be sampled apart from the engines the bench hosts. Its
 * output goes to a log file; endpoints reach it through the environment, never the command line.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final String READY = "recon worker polling task queue";
  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static WorkerProcess start(
      String xmx, List<String> jvmOptions, Map<String, String> env, Path log) throws IOException {
    var command = new ArrayList<String>();
    command.add(java());
    command.add("-Xmx" + xmx);
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.add("worker");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new WorkerProcess(pb.start(), log);
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Waits until the worker says it polls (it has migrated the store by then). */
  public void awaitPolling(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker exited with " + process.exitValue() + "; see " + log);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the worker did not start polling in " + timeout + "; see " + log);
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the worker gets no chance to finish, flush or say goodbye, as in a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String java() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The jar this class was loaded from: the shaded dev kit, recon-dev.jar. */
  static Path jar() {
    try {
      Path p =
          Path.of(WorkerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!p.toString().endsWith(".jar")) {
        throw new IllegalStateException(
            "recon bench and recon chaos start workers from the shaded jar; run them as ./recon (classes"
                + " loaded from "
                + p
                + ")");
      }
      return p;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
