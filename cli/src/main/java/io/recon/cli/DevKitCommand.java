package io.recon.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Answers a dev-kit command ({@code dev}, {@code demo}, {@code bench}, {@code chaos}) run with the
 * production jar, which ships without the embedded engines those commands start. Hidden from {@code
 * --help}; whatever follows the name, it says one line and exits {@link ExitCodes#USAGE}.
 */
@Command(hidden = true)
final class DevKitCommand implements Callable<Integer> {
  /** The commands that only the dev kit ({@code dev/target/recon-dev.jar}) carries. */
  static final List<String> NAMES = List.of("dev", "demo", "bench", "chaos");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Unmatched List<String> ignored;

  @Override
  public Integer call() {
    String name = spec.name();
    spec.commandLine()
        .getErr()
        .println(
            "recon: '"
                + name
                + "' is in the dev kit, not in this production jar: run ./recon "
                + name
                + " from a source checkout (it uses dev/target/recon-dev.jar).");
    return ExitCodes.USAGE;
  }
}
