package io.recon.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples another JVM's heap with {@code jstat -gc <pid> <interval>} and keeps the peak. jstat
 * reads the target's perf-data counters, so sampling costs the worker nothing.
 */
final class HeapSampler implements AutoCloseable {
  private final Process jstat;
  private final Thread reader;
  private volatile double peakUsedKb;
  private volatile double peakOldKb;
  private volatile JstatGc first;
  private volatile JstatGc last;
  private volatile int samples;

  private HeapSampler(Process jstat) {
    this.jstat = jstat;
    this.reader = new Thread(this::read, "bench-jstat");
    reader.setDaemon(true);
    reader.start();
  }

  static HeapSampler start(long pid, int intervalMillis) {
    try {
      Process p =
          new ProcessBuilder(jstat(), "-gc", Long.toString(pid), Integer.toString(intervalMillis))
              .redirectErrorStream(true)
              .start();
      return new HeapSampler(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jstat (is this a JDK?)", e);
    }
  }

  /** The JDK's jstat next to the running java, or the one on the PATH. */
  static String jstat() {
    Path local = Path.of(System.getProperty("java.home"), "bin", "jstat");
    return Files.isExecutable(local) ? local.toString() : "jstat";
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      String[] header = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (JstatGc.isHeader(line)) {
          header = JstatGc.header(line);
          continue;
        }
        JstatGc.parse(header, line).ifPresent(this::record);
      }
    } catch (IOException e) {
      // jstat was stopped: the samples so far are the result.
    }
  }

  private synchronized void record(JstatGc s) {
    if (first == null) {
      first = s;
    }
    last = s;
    samples++;
    peakUsedKb = Math.max(peakUsedKb, s.usedKb());
    peakOldKb = Math.max(peakOldKb, s.oldKb());
  }

  /** Stops sampling and returns the peak; at least one sample is awaited so short runs count. */
  HeapFigures stop() {
    long deadline = System.currentTimeMillis() + 3_000;
    while (samples == 0 && System.currentTimeMillis() < deadline && jstat.isAlive()) {
      sleep(50);
    }
    close();
    synchronized (this) {
      if (samples == 0) {
        return null;
      }
      return new HeapFigures(
          round(peakUsedKb / 1024),
          round(peakOldKb / 1024),
          samples,
          last.youngGcs() - first.youngGcs(),
          last.fullGcs() - first.fullGcs(),
          round(last.gcSeconds() - first.gcSeconds()));
    }
  }

  @Override
  public void close() {
    jstat.destroy();
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /**
   * The worker's heap over one cycle.
   *
   * @param peakUsedMb the highest S0U + S1U + EU + OU seen: garbage not yet collected included, so
   *     an upper bound of what the cycle needs
   * @param peakOldMb the highest old-generation occupancy: what survived young collections
   */
  record HeapFigures(
      double peakUsedMb,
      double peakOldMb,
      int samples,
      long youngGcs,
      long fullGcs,
      double gcSeconds) {}
}
