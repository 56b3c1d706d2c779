package io.recon.cli.chaos;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Stops the embedded PostgreSQL and starts it again on the same port and data. The server itself
 * says where its data is ({@code data_directory}), and its {@code postmaster.opts} holds the exact
 * command line it was started with, binary included; {@code pg_ctl} from the same directory stops
 * it (fast mode: every session is disconnected, as in a restart or failover) and starts it with
 * those options. Zonky's own close still stops the restarted server at the end, since it stops
 * whatever runs on that data directory.
 */
final class PostgresOutage {
  private static final Pattern ARG = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");
  private final Path dataDirectory;
  private final Path pgCtl;
  private final List<String> options;
  private final Path log;

  private PostgresOutage(Path dataDirectory, Path pgCtl, List<String> options, Path log) {
    this.dataDirectory = dataDirectory;
    this.pgCtl = pgCtl;
    this.options = options;
    this.log = log;
  }

  static PostgresOutage of(DataSource admin, Path log) throws SQLException, IOException {
    Path data;
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show data_directory")) {
      rs.next();
      data = Path.of(rs.getString(1));
    }
    List<String> argv = parse(Files.readString(data.resolve("postmaster.opts")));
    Path pgCtl = Path.of(argv.get(0)).resolveSibling("pg_ctl");
    if (!Files.isExecutable(pgCtl)) {
      throw new IllegalStateException("no pg_ctl next to the server binary " + argv.get(0));
    }
    return new PostgresOutage(data, pgCtl, argv.subList(1, argv.size()), log);
  }

  /** The words of a {@code postmaster.opts} line: the binary, then each argument in quotes. */
  static List<String> parse(String opts) {
    var out = new ArrayList<String>();
    Matcher m = ARG.matcher(opts.strip());
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("postmaster.opts is empty");
    }
    return out;
  }

  void stop() throws IOException, InterruptedException {
    run(
        List.of(
            pgCtl.toString(),
            "-D",
            dataDirectory.toString(),
            "-m",
            "fast",
            "-w",
            "-t",
            "30",
            "stop"));
  }

  void start() throws IOException, InterruptedException {
    var cmd =
        new ArrayList<>(
            List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t", "60"));
    cmd.add("-l");
    cmd.add(log.toString());
    var quoted = new ArrayList<String>();
    for (String o : options) {
      quoted.add("'" + o.replace("'", "'\\''") + "'");
    }
    cmd.add("-o");
    cmd.add(String.join(" ", quoted));
    cmd.add("start");
    run(cmd);
  }

  private static void run(List<String> pgCtl) throws IOException, InterruptedException {
    // As zonky does: pg_ctl refuses to run as root, so it runs in a user namespace where it is not.
    var command = new ArrayList<String>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(pgCtl);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(
          command.get(command.size() - 1) + " of PostgreSQL did not finish in 90 s");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new IOException("pg_ctl " + command.get(command.size() - 1) + " failed: " + output);
    }
  }
}
