package io.recon.cli;

import io.recon.core.config.ReconConfig;
import io.recon.worker.ReconWorker;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code recon worker}: polls the task queue against the configured endpoints until stopped. */
@Command(
    name = "worker",
    header = "Run a worker against the configured endpoints.",
    mixinStandardHelpOptions = true,
    description = {
      "Run a recon worker against the configured endpoints until interrupted.",
      "Exits 1 with a clear message when an endpoint is unreachable at start.",
      "  TEMPORAL_ADDRESS   (default 127.0.0.1:7233)",
      "  TEMPORAL_NAMESPACE (default default)",
      "  RECON_TASK_QUEUE   (default recon)",
      "  RECON_SOURCE_URL   (default jdbc:postgresql://127.0.0.1:55432/postgres)",
      "  RECON_STORE_URL    (default: RECON_SOURCE_URL)",
      "  RECON_MONGO_URI    (default mongodb://127.0.0.1:27017)",
      "  RECON_METRICS_PORT (default 9464)"
    })
final class WorkerCommand implements Callable<Integer> {
  private final CliContext context;

  WorkerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ReconConfig config = context.config();
    ReconWorker worker = ReconWorker.start(config);
    System.out.println(
        "recon worker polling task queue '"
            + config.taskQueue()
            + "' on "
            + config.temporalAddress()
            + " (Ctrl-C stops it)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  stopped.countDown();
                }));
    stopped.await();
    return ExitCodes.OK;
  }
}
