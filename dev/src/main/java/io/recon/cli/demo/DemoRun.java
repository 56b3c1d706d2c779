package io.recon.cli.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.recon.activities.support.Connections;
import io.recon.cli.CycleWatcher;
import io.recon.cli.Outcomes;
import io.recon.cli.ReportTable;
import io.recon.cli.Session;
import io.recon.cli.ShellQuote;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecLoader;
import io.recon.starter.report.ReportStore;
import io.recon.starter.view.CycleView;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.ReconciliationWorkflow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/** The demo's steps, each explained in one line as it happens. */
final class DemoRun {
  private static final String APPROVER = "demo-operator";
  private final Session session;
  private final PrintWriter out;

  DemoRun(Session session, PrintWriter out) {
    this.session = session;
    this.out = out;
  }

  boolean run() throws Exception {
    JobSpec spec = spec();
    long t0 = System.nanoTime();
    step(
        1,
        "seeding "
            + DemoDataset.CUSTOMERS
            + " customers with addresses and orders in"
            + " PostgreSQL, and their denormalized profiles in MongoDB");
    try (MongoClient mongo = Connections.mongo(session.config().mongo())) {
      MongoCollection<Document> profiles =
          mongo.getDatabase(spec.target().database()).getCollection(spec.target().collection());
      DemoDataset.seedSource(session.store());
      DemoDataset.seedTarget(profiles);
      out.printf(
          "  planted: %d mismatches (low, medium and high), %d missing and %d orphan documents;%n"
              + "  noise that must stay quiet: case and blanks, 12.5 vs 12.50, json key order,"
              + " int32 vs int64 keys, micros vs millis%n",
          DemoDataset.mismatches().size(), DemoDataset.MISSING.size(), DemoDataset.ORPHAN.size());

      step(
          2,
          "running a full cycle; the sync pipeline fixes "
              + DemoDataset.IN_FLIGHT.size()
              + " records during the settle window, so they must come out transient");
      String cycleId = session.cycleClient().start(spec, Mode.FULL, APPROVER, null);
      out.println("  cycle " + cycleId);
      Thread pipeline = inFlightWriter(cycleId, profiles);
      pipeline.start();
      CycleView held = new CycleWatcher(session, out, false).follow(cycleId);
      pipeline.join(30_000);

      step(
          3,
          "the cycle repaired low and medium severities itself and holds "
              + held.pendingApproval()
              + " high-severity repairs for a human ("
              + held.status()
              + ")");
      out.println(
          "  the same decision from a shell: "
              + ShellQuote.command("recon", "approve", cycleId, "--by", APPROVER));
      out.println(
          "  or: " + Outcomes.temporalSignal(cycleId, session.config()).replace("NAME", APPROVER));

      step(4, "approving as " + APPROVER);
      approve(cycleId);

      step(
          5,
          "repairing the approved records (re-reading the source, writing only if the target"
              + " is unchanged) and verifying both sides agree");
      CycleView done = new CycleWatcher(session, out, false).follow(cycleId, false);
      out.printf(
          "  %s: repaired %d, unresolved %d, skipped %d, failed %d, transient %d%n",
          done.status(),
          done.repaired(),
          done.unresolved(),
          done.skippedConcurrentChange(),
          done.failed(),
          done.transientCount());

      step(6, "the report (" + ShellQuote.command("recon", "report", cycleId) + ")");
      ReportStore reports = new ReportStore(session.store());
      new ReportTable(out).print(reports.summary(cycleId, 8).orElseThrow(), reports, 10);

      List<String> failures = DemoChecks.failures(session.store(), cycleId);
      out.println();
      if (failures.isEmpty()) {
        out.printf(
            "  every planted divergence found, the noise quiet, every repair verified (%.1f s)%n",
            (System.nanoTime() - t0) / 1e9);
      } else {
        failures.forEach(f -> out.println("  FAILED: " + f));
      }
      out.flush();
      return failures.isEmpty();
    }
  }

  private void step(int n, String what) {
    out.println();
    out.println("Step " + n + "/7: " + what);
    out.flush();
  }

  private JobSpec spec() {
    try (InputStream in = DemoRun.class.getResourceAsStream("/demo/customer-profiles.yaml")) {
      return SpecLoader.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo/customer-profiles.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Plays the sync pipeline catching up: once the cycle has detected the in-flight records, it
   * writes their correct values, before the settle timer lets the recheck read them again.
   */
  private Thread inFlightWriter(String cycleId, MongoCollection<Document> profiles) {
    return new Thread(
        () -> {
          long deadline = System.currentTimeMillis() + 60_000;
          try {
            while (System.currentTimeMillis() < deadline
                && detected(cycleId) < DemoDataset.IN_FLIGHT.size()) {
              Thread.sleep(50);
            }
            for (long id : DemoDataset.IN_FLIGHT) {
              Object key = id % 2 == 0 ? (Object) id : (Object) (int) id;
              profiles.updateOne(new Document("_id", key), DemoDataset.inFlightFix(id));
            }
          } catch (Exception e) {
            // The checks afterwards report the in-flight records as not transient.
          }
        },
        "demo-sync-pipeline");
  }

  private int detected(String cycleId) throws Exception {
    try (Connection c = session.store().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from recon.discrepancy where cycle_id = ? and key_json = any(?)")) {
      ps.setString(1, cycleId);
      ps.setArray(
          2,
          c.createArrayOf(
              "text", DemoDataset.IN_FLIGHT.stream().map(id -> "{\"id\":" + id + "}").toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private void approve(String cycleId) throws InterruptedException {
    String requestId = UUID.randomUUID().toString();
    session
        .cycleClient()
        .signal(
            cycleId,
            ReconciliationWorkflow.APPROVE,
            Map.of(
                "approver", APPROVER,
                "reason", "demo: checked with the CRM owner",
                "requestId", requestId));
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      var decision =
          session.cycleClient().queryStatus(cycleId).decisions().stream()
              .filter(d -> requestId.equals(d.requestId()))
              .findFirst();
      if (decision.isPresent()) {
        out.println(
            decision.get().accepted()
                ? "  accepted: " + decision.get().applied() + " repairs approved"
                : "  refused: " + decision.get().refusal());
        return;
      }
      Thread.sleep(200);
    }
    out.println("  the workflow did not answer the approval within 30 s");
  }
}
