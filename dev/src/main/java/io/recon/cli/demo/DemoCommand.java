package io.recon.cli.demo;

import io.recon.activities.audit.AuditReport;
import io.recon.activities.audit.AuditVerifier;
import io.recon.cli.CliContext;
import io.recon.cli.ExitCodes;
import io.recon.cli.Session;
import io.recon.cli.dev.DevStack;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.Ports;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code recon demo}: the whole product in about a minute, on the embedded stack. */
@Command(
    name = "demo",
    header = "Run the end-to-end demo on the embedded stack (about a minute).",
    mixinStandardHelpOptions = true,
    description = {
      "Start the embedded stack, seed 10,000 customers with planted divergences of every kind,",
      "run a cycle, approve the held repairs as demo-operator, verify, report and check the audit.",
      "Exits 0 only if every planted divergence was found, the noise stayed quiet and every",
      "repair verified; otherwise says what went wrong and exits 1."
    })
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    var out = command.commandLine().getOut();
    out.println(
        "recon demo: starting the embedded stack (Temporal, PostgreSQL, MongoDB-wire server) and a worker...");
    out.flush();
    // The demo runs a private stack on free ports, so it never collides with `recon dev`.
    DevStack.Layout layout = new DevStack.Layout(Ports.free(), Ports.free(), Ports.free(), null);
    java.util.Map<String, String> env = new java.util.HashMap<>();
    context
        .env()
        .forEach(
            (k, v) -> {
              if (k.equals("RECON_PAYLOAD_KEY") || k.equals("RECON_AUDIT_KEY")) {
                env.put(k, v);
              }
            });
    env.put("RECON_TASK_QUEUE", "recon-demo");
    env.put("RECON_METRICS_PORT", "0");
    try (DevStack stack = DevStack.start(ReconConfig.fromEnv(env), layout);
        Session session = context.session(stack.config())) {
      boolean ok = new DemoRun(session, out).run();
      AuditReport audit =
          new AuditVerifier(org.jooq.impl.DSL.using(session.store(), org.jooq.SQLDialect.POSTGRES))
              .verify(java.util.Optional.empty());
      out.println();
      out.println("Step 7/7: verifying the tamper-evident audit chain (recon audit verify)");
      audit
          .chains()
          .forEach(
              c ->
                  out.printf(
                      "  chain %s: %s, %d events%n",
                      c.chain(),
                      c.broken() == null ? "intact" : "BROKEN at " + c.broken().seq(),
                      c.intactRows()));
      ok &= audit.intact();
      out.println();
      out.println(ok ? "recon demo: PASSED" : "recon demo: FAILED");
      out.flush();
      return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
