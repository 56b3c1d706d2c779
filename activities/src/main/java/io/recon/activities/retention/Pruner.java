package io.recon.activities.retention;

import static io.recon.schema.jooq.Tables.AUDIT_EVENT;
import static io.recon.schema.jooq.Tables.DISCREPANCY;
import static io.recon.schema.jooq.Tables.SPEC_VERSION;

import io.recon.activities.audit.AuditCheckpoint;
import io.recon.activities.audit.AuditLog;
import io.recon.activities.audit.AuditSealer;
import io.recon.core.spec.Durations;
import io.recon.core.spec.Retention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Removes what is past retention, spec by spec ({@code recon prune}): repair images past {@code
 * beforeImages}, settled discrepancies and their repairs past {@code discrepancies}, and audit rows
 * past {@code audit}, sealed by a checkpoint first. Every batch is one transaction that carries its
 * own {@code retention.pruned} event, so a run killed at any point leaves nothing half-done, and
 * the next run goes on where it stopped. Memory is bounded by one batch.
 */
public final class Pruner {
  private final DSLContext db;
  private final Clock clock;
  private final SpecRetentions retentions;
  private final AuditLog log;

  public Pruner(DataSource store, Clock clock, Retention global) {
    this.db = DSL.using(store, SQLDialect.POSTGRES);
    this.clock = clock;
    this.retentions = new SpecRetentions(db, global);
    this.log = new AuditLog(clock);
  }

  /**
   * Prunes as {@code request} says.
   *
   * @throws UnknownSpecException when {@code request.spec()} names a spec the store has nothing of
   */
  public PruneReport prune(PruneRequest request) {
    List<String> specs = specs(request.spec());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Budget budget = new Budget(request.maxBatches());
    List<PruneReport.SpecPrune> results = new ArrayList<>();
    for (String spec : specs) {
      results.add(pruneSpec(spec, request, now, budget));
    }
    return new PruneReport(request.dryRun(), !budget.exhausted(), budget.used(), results);
  }

  private PruneReport.SpecPrune pruneSpec(
      String spec, PruneRequest request, Instant now, Budget budget) {
    Retention r;
    try {
      r = retentions.of(spec);
    } catch (IllegalArgumentException e) {
      return new PruneReport.SpecPrune(
          spec, null, null, null, 0, 0, 0, 0, 0, "retention not applied: " + e.getMessage());
    }
    SpecRun run = new SpecRun(spec, request, now, budget);
    if (r.beforeImages() != null) {
      run.images(r.beforeImages());
    }
    if (r.discrepancies() != null) {
      run.discrepancies(r.discrepancies());
    }
    if (r.audit() != null) {
      run.audit(r.audit());
    }
    return new PruneReport.SpecPrune(
        spec,
        window(r.discrepancies()),
        window(r.beforeImages()),
        window(r.audit()),
        run.discrepancies,
        run.repairs,
        run.images,
        run.auditRows,
        run.checkpoint,
        null);
  }

  private static String window(Duration d) {
    return d == null ? null : Durations.format(d);
  }

  private List<String> specs(String only) {
    if (only != null) {
      boolean known =
          db.fetchExists(SPEC_VERSION, SPEC_VERSION.NAME.eq(only))
              || db.fetchExists(DISCREPANCY, DISCREPANCY.SPEC_NAME.eq(only))
              || db.fetchExists(AUDIT_EVENT, AUDIT_EVENT.CHAIN.eq(only));
      if (!known) {
        throw new UnknownSpecException(only);
      }
      return List.of(only);
    }
    TreeSet<String> names = new TreeSet<>();
    names.addAll(db.selectDistinct(SPEC_VERSION.NAME).from(SPEC_VERSION).fetch(SPEC_VERSION.NAME));
    names.addAll(
        db.selectDistinct(DISCREPANCY.SPEC_NAME).from(DISCREPANCY).fetch(DISCREPANCY.SPEC_NAME));
    names.addAll(db.selectDistinct(AUDIT_EVENT.CHAIN).from(AUDIT_EVENT).fetch(AUDIT_EVENT.CHAIN));
    return List.copyOf(names);
  }

  /** Batches a run may still commit. */
  private static final class Budget {
    private final int max;
    private int used;
    private boolean exhausted;

    Budget(int max) {
      this.max = max;
    }

    /** Whether one more batch may run. */
    boolean take() {
      if (max > 0 && used >= max) {
        return false;
      }
      used++;
      return true;
    }

    /** A batch taken that found nothing to do: it committed nothing and costs nothing. */
    void giveBack() {
      used--;
    }

    /** The budget ran out while something past retention remained. */
    void remained(long rows) {
      exhausted |= rows > 0;
    }

    boolean exhausted() {
      return exhausted;
    }

    int used() {
      return used;
    }
  }

  /** One spec's prune in one run, kind by kind, batch by batch. */
  private final class SpecRun {
    private final String spec;
    private final PruneRequest request;
    private final Instant now;
    private final Budget budget;
    long discrepancies;
    long repairs;
    long images;
    long auditRows;
    int checkpoint;

    SpecRun(String spec, PruneRequest request, Instant now, Budget budget) {
      this.spec = spec;
      this.request = request;
      this.now = now;
      this.budget = budget;
    }

    void images(Duration window) {
      RepairImages images = new RepairImages(log);
      Instant cutoff = now.minus(window);
      String rule = Retention.describe("beforeImages", window);
      if (request.dryRun()) {
        this.images = images.count(db, spec, cutoff);
        return;
      }
      while (budget.take()) {
        long n =
            db.transactionResult(
                tx ->
                    images.pruneBatch(
                        tx.dsl(), spec, cutoff, request.batchSize(), rule, request.actor(), now));
        if (n == 0) {
          budget.giveBack();
          return;
        }
        this.images += n;
      }
      budget.remained(images.count(db, spec, cutoff));
    }

    void discrepancies(Duration window) {
      SettledDiscrepancies settled = new SettledDiscrepancies(log);
      Instant cutoff = now.minus(window);
      String rule = Retention.describe("discrepancies", window);
      if (request.dryRun()) {
        long[] n = settled.count(db, spec, cutoff);
        discrepancies = n[0];
        repairs = n[1];
        return;
      }
      while (budget.take()) {
        long[] n =
            db.transactionResult(
                tx ->
                    settled.pruneBatch(
                        tx.dsl(), spec, cutoff, request.batchSize(), rule, request.actor(), now));
        if (n[0] == 0) {
          budget.giveBack();
          return;
        }
        discrepancies += n[0];
        repairs += n[1];
      }
      budget.remained(settled.count(db, spec, cutoff)[0]);
    }

    void audit(Duration window) {
      Instant cutoff = now.minus(window);
      String rule = Retention.describe("audit", window);
      if (request.dryRun()) {
        auditRows = countAudit(cutoff);
        return;
      }
      AuditSealer sealer = new AuditSealer(log);
      while (budget.take()) {
        AuditCheckpoint c =
            db.transactionResult(
                tx ->
                    sealer.sealOldest(
                        tx.dsl(), spec, cutoff, request.batchSize(), rule, request.actor(), now));
        if (c == null) {
          budget.giveBack();
          return;
        }
        auditRows += c.rowCount();
        checkpoint = c.number();
      }
      budget.remained(countAudit(cutoff));
    }

    /** The chain's oldest rows up to the first one not past the cutoff, counted in SQL. */
    private long countAudit(Instant cutoff) {
      var firstKept =
          DSL.select(DSL.min(AUDIT_EVENT.SEQ))
              .from(AUDIT_EVENT)
              .where(AUDIT_EVENT.CHAIN.eq(spec))
              .and(AUDIT_EVENT.OCCURRED_AT.ge(cutoff.atOffset(ZoneOffset.UTC)));
      return db.fetchCount(
          AUDIT_EVENT,
          AUDIT_EVENT
              .CHAIN
              .eq(spec)
              .and(AUDIT_EVENT.SEQ.lt(DSL.coalesce(firstKept.<Long>asField(), Long.MAX_VALUE))));
    }
  }
}
