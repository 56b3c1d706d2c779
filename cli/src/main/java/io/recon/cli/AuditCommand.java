package io.recon.cli;

import io.recon.activities.audit.AuditReport;
import io.recon.activities.audit.AuditVerifier;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recon audit}: the tamper-evident audit log. */
@Command(
    name = "audit",
    header = "Verify the tamper-evident audit log.",
    mixinStandardHelpOptions = true,
    description = "Work with the hash-chained audit log in the recon store.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code recon audit verify [--spec NAME]}. */
  @Command(
      name = "verify",
      header = "Walk the audit chains and report the first broken link.",
      mixinStandardHelpOptions = true,
      description = {
        "Walk each job's audit chain and check every row's hash and link.",
        "A chain that recon prune shortened is verified from its oldest kept row on, after its",
        "checkpoints, and says so.",
        "Exits 0 when intact, 4 when a row or a checkpoint was changed, deleted, inserted or",
        "reordered."
      })
  static final class Verify implements Callable<Integer> {
    private final CliContext context;

    Verify(CliContext context) {
      this.context = context;
    }

    @Option(names = "--spec", paramLabel = "NAME", description = "Verify only this job's chain.")
    String specName;

    @Mixin JsonOption json;

    @CommandLine.Spec CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
      PrintWriter out = command.commandLine().getOut();
      try (Session session = context.session()) {
        AuditReport report =
            new AuditVerifier(DSL.using(session.store(), SQLDialect.POSTGRES))
                .verify(Optional.ofNullable(specName));
        if (json.enabled) {
          out.println(Json.write(report));
        } else {
          print(report, out);
        }
        out.flush();
        return report.intact() ? ExitCodes.OK : ExitCodes.AUDIT_BROKEN;
      }
    }

    private void print(AuditReport report, PrintWriter out) {
      if (report.chains().isEmpty()) {
        out.println(
            specName == null
                ? "audit log is empty"
                : "no audit events for spec '" + specName + "'");
        return;
      }
      for (AuditReport.ChainResult c : report.chains()) {
        if (c.broken() == null && c.from() != null) {
          out.printf(
              "chain %s: intact, %d events, verified from checkpoint %d (rows 1..%d, up to %s,"
                  + " pruned by retention)%n",
              c.chain(),
              c.intactRows(),
              c.from().checkpoint(),
              c.from().firstKeptSeq() - 1,
              c.from().prunedBefore());
        } else if (c.broken() == null) {
          out.printf("chain %s: intact, %d events%n", c.chain(), c.intactRows());
        } else {
          out.printf(
              "chain %s: BROKEN at event %d (%s): %s; %d events verified before it%n",
              c.chain(), c.broken().seq(), c.broken().kind(), c.broken().detail(), c.intactRows());
        }
      }
      out.println(report.intact() ? "audit verify: intact" : "audit verify: TAMPERING DETECTED");
    }
  }
}
