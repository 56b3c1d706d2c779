package io.recon.cli;

import io.recon.activities.support.Connections;
import io.recon.core.config.ReconConfig;
import io.recon.schema.StoreMigrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code recon migrate}: applies the store's migrations explicitly (workers also do it). */
@Command(
    name = "migrate",
    header = "Apply the recon store's migrations.",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the recon store's migrations to schema 'recon' at RECON_STORE_URL",
      "(default: RECON_SOURCE_URL, default jdbc:postgresql://127.0.0.1:55432/postgres)."
    })
final class MigrateCommand implements Callable<Integer> {
  private final CliContext context;

  MigrateCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ReconConfig config = context.config();
    try (var store = Connections.postgres(config.store(), "recon-migrate", 1)) {
      StoreMigrator.Result result = StoreMigrator.migrate(store);
      System.out.printf(
          "recon store at %s is at version %s (%d migration%s applied)%n",
          config.store().redactedUrl(),
          result.version(),
          result.applied(),
          result.applied() == 1 ? "" : "s");
      return ExitCodes.OK;
    }
  }
}
