package io.recon.cli.dev;

import io.recon.cli.CliContext;
import io.recon.cli.ExitCodes;
import io.recon.core.config.ReconConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code recon dev}: the whole local stack in the foreground, until Ctrl-C. */
@Command(
    name = "dev",
    header = "Run the whole local stack (embedded engines and a worker) in the foreground.",
    mixinStandardHelpOptions = true,
    description = {
      "Run the local stack in the foreground: an embedded Temporal server, PostgreSQL and a",
      "MongoDB-wire server, and a worker connected to all three. Engines whose variable",
      "(TEMPORAL_ADDRESS, RECON_SOURCE_URL, RECON_MONGO_URI) is set are used, not started.",
      "Ctrl-C stops everything."
    })
public final class DevCommand implements Callable<Integer> {
  static final String TEMPORAL_PORT_HINT =
      "RECON_DEV_TEMPORAL_PORT to move it (or TEMPORAL_ADDRESS to use a running server)";
  static final String POSTGRES_PORT_HINT =
      "RECON_DEV_POSTGRES_PORT to move it (or RECON_SOURCE_URL to use a running server)";
  static final String MONGO_PORT_HINT =
      "RECON_DEV_MONGO_PORT to move it (or RECON_MONGO_URI to use a running server)";

  private final CliContext context;

  DevCommand(CliContext context) {
    this.context = context;
  }

  @Option(
      names = "--temporal-port",
      defaultValue = "${env:RECON_DEV_TEMPORAL_PORT:-7233}",
      description =
          "Port of the embedded Temporal server (env RECON_DEV_TEMPORAL_PORT, default ${DEFAULT-VALUE}).")
  int temporalPort;

  @Option(
      names = "--postgres-port",
      defaultValue = "${env:RECON_DEV_POSTGRES_PORT:-55432}",
      description =
          "Port of the embedded PostgreSQL (env RECON_DEV_POSTGRES_PORT, default ${DEFAULT-VALUE}).")
  int postgresPort;

  @Option(
      names = "--mongo-port",
      defaultValue = "${env:RECON_DEV_MONGO_PORT:-27017}",
      description =
          "Port of the embedded MongoDB-wire server (env RECON_DEV_MONGO_PORT, default ${DEFAULT-VALUE}).")
  int mongoPort;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:RECON_HOME:-.recon}",
      description =
          "Where the embedded PostgreSQL keeps its data across restarts (env RECON_HOME, default ${DEFAULT-VALUE}).")
  Path home;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    out.println("recon dev: starting the local stack...");
    DevStack stack =
        DevStack.start(
            context.config(),
            new DevStack.Layout(
                temporalPort, postgresPort, mongoPort, home.resolve("postgres").toAbsolutePath()));
    printEndpoints(stack, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("recon dev: stopping...");
                  stack.close();
                  System.out.println("recon dev: stopped.");
                  stopped.countDown();
                }));
    stopped.await();
    return ExitCodes.OK;
  }

  static void printEndpoints(DevStack stack, PrintStream out) {
    ReconConfig c = stack.config();
    out.println();
    out.printf(
        "  Temporal    %-48s %s%n",
        c.temporalAddress(), origin(stack, "Temporal", "namespace " + c.temporalNamespace()));
    out.printf(
        "  PostgreSQL  %-48s %s%n",
        c.source().redactedUrl(), origin(stack, "PostgreSQL", "user " + c.source().user()));
    out.printf("  MongoDB     %-48s %s%n", c.mongo().redactedUrl(), origin(stack, "MongoDB", ""));
    out.printf("  Worker      task queue %-37s%n", c.taskQueue());
    out.printf(
        "  Metrics     http://127.0.0.1:%d/metrics and /healthz%n", stack.worker().metricsPort());
    out.println();
    out.println("In another terminal:");
    out.println("  export TEMPORAL_ADDRESS=" + c.temporalAddress());
    out.println("  export RECON_SOURCE_URL='" + c.source().redactedUrl() + "'");
    out.println("  export RECON_MONGO_URI='" + c.mongo().redactedUrl() + "'");
    if (stack.embedded("PostgreSQL")) {
      out.println(
          "  psql 'postgresql://"
              + c.source().user()
              + "@"
              + c.source().url().substring("jdbc:postgresql://".length())
              + "'");
    }
    out.println();
    out.println("recon dev: ready. Ctrl-C stops everything.");
    out.flush();
  }

  private static String origin(DevStack stack, String engine, String detail) {
    String where = stack.embedded(engine) ? "[embedded]" : "[external]";
    return detail.isEmpty() ? where : where + " " + detail;
  }
}
