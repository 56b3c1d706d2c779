package io.recon.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * CPU time each process of the bench used over an interval, from {@code /proc/<pid>/stat} (user
 * plus system time of every thread): the worker JVMs, the bench JVM (which hosts mongo-java-server
 * and Temporal's test server) and PostgreSQL (the postmaster, its live backends, and through its
 * children's times every backend that exited meanwhile). Unlike wall time, CPU time is hardly
 * inflated by other load on the machine, so it shows where a cycle's work went, and what two cores
 * can do with it, even on a busy machine.
 *
 * <p>Linux only; elsewhere, or when a figure cannot be read, {@link #take} returns empty and the
 * bench reports none.
 */
final class CpuMeter {
  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times (USER_HZ, 100 on Linux). */
  static final double TICKS = 100.0;

  private final long[] workers;
  private final long postmaster;

  private CpuMeter(List<Long> workers, long postmaster) {
    this.workers = workers.stream().mapToLong(Long::longValue).toArray();
    this.postmaster = postmaster;
  }

  /**
   * A meter of the given worker pids and the PostgreSQL server {@code source} connects to (found as
   * the parent of the bench's own backend), or empty when this is not Linux or the server is not on
   * this machine.
   */
  static Optional<CpuMeter> of(List<Long> workerPids, DataSource source) {
    if (!Files.isReadable(Path.of("/proc/self/stat"))) {
      return Optional.empty();
    }
    try (Connection c = source.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      Optional<Stat> backend = Stat.read(rs.getLong(1));
      if (backend.isEmpty()) {
        return Optional.empty(); // a server on another machine
      }
      return Optional.of(new CpuMeter(workerPids, backend.get().ppid()));
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /**
   * CPU seconds by process over an interval; a figure is null when it could not be read.
   *
   * @param workerJit the part of {@code worker} the workers' JIT compiler threads used
   */
  record Figures(Double worker, Double benchJvm, Double postgres, Double total, Double workerJit) {}

  /** Cumulative CPU ticks at one moment (the compiler threads' in seconds, -1 if unknown). */
  record Snapshot(long worker, long benchJvm, long postgres, double workerJit) {}

  Snapshot take() {
    long w = 0;
    for (long pid : workers) {
      w += Stat.read(pid).map(Stat::own).orElse(0L);
    }
    long bench = Stat.read(ProcessHandle.current().pid()).map(Stat::own).orElse(0L);
    return new Snapshot(
        w, bench, postgres(), compilerSeconds(java.util.Arrays.stream(workers).boxed().toList()));
  }

  Figures since(Snapshot start) {
    Snapshot end = take();
    double worker = (end.worker() - start.worker()) / TICKS;
    double bench = (end.benchJvm() - start.benchJvm()) / TICKS;
    double pg = (end.postgres() - start.postgres()) / TICKS;
    Double jit =
        start.workerJit() < 0 || end.workerJit() < 0
            ? null
            : Floor.round(end.workerJit() - start.workerJit());
    return new Figures(
        Floor.round(worker),
        Floor.round(bench),
        Floor.round(pg),
        Floor.round(worker + bench + pg),
        jit);
  }

  /**
   * The postmaster's own and reaped children's time plus each live child's own. A backend that
   * exits between two snapshots moves its time from the live children to the reaped ones, so the
   * sum never loses it.
   */
  private long postgres() {
    Optional<Stat> pm = Stat.read(postmaster);
    if (pm.isEmpty()) {
      return 0;
    }
    long ticks = pm.get().own() + pm.get().reaped();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      List<Long> pids = new ArrayList<>();
      procs
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
          .forEach(n -> pids.add(Long.parseLong(n)));
      for (long pid : pids) {
        Optional<Stat> st = Stat.read(pid);
        if (st.isPresent() && st.get().ppid() == postmaster) {
          ticks += st.get().own() + st.get().reaped();
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return ticks;
    }
    return ticks;
  }

  /**
   * CPU seconds the JIT compiler threads of JVM {@code pid} have used so far (HotSpot names them
   * "C1 CompilerThread..." and "C2 CompilerThread..."), or -1 where they cannot be read.
   */
  static double compilerSeconds(List<Long> pids) {
    double sum = 0;
    for (long pid : pids) {
      double s = compilerSeconds(pid);
      if (s < 0) {
        return -1;
      }
      sum += s;
    }
    return sum;
  }

  /** CPU seconds processes {@code pids} have used so far, or -1 where they cannot be read. */
  static double processSeconds(List<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      Optional<Stat> st = Stat.read(pid);
      if (st.isEmpty()) {
        return -1;
      }
      ticks += st.get().own();
    }
    return ticks / TICKS;
  }

  static double compilerSeconds(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path t : threads.toList()) {
        try {
          String line = Files.readString(t.resolve("stat"));
          String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
          if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            ticks += parse(line).own();
          }
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
    return ticks / TICKS;
  }

  private static Stat parse(String line) {
    return Stat.parse(line);
  }

  /** The fields of {@code /proc/<pid>/stat} the meter needs. */
  record Stat(long ppid, long utime, long stime, long cutime, long cstime) {
    long own() {
      return utime + stime;
    }

    long reaped() {
      return cutime + cstime;
    }

    static Optional<Stat> read(long pid) {
      try {
        return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    /**
     * Parses one {@code stat} line. The command name, field 2, is in parentheses and may hold
     * spaces and parentheses itself, so the fields are counted from its last ')'.
     */
    static Stat parse(String line) {
      String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
      return new Stat(
          Long.parseLong(f[1]),
          Long.parseLong(f[11]),
          Long.parseLong(f[12]),
          Long.parseLong(f[13]),
          Long.parseLong(f[14]));
    }
  }
}
