package io.recon.activities.compare;

import io.recon.activities.sides.BothSides;
import io.recon.activities.store.DiscrepancyRow;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.DiscrepancyStore.Detected;
import io.recon.activities.store.DiscrepancyStore.Verdict;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.RecordDiff;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.SettledCounts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import javax.sql.DataSource;

/**
 * Re-reads exactly the keys detected in a range, a batch of ids at a time, and settles each row as
 * TRANSIENT (the sides agree now) or PERSISTENT. A key that either side now holds more than once is
 * a DUPLICATE_KEY, whatever it was detected as. Only DETECTED rows are read, so a retry continues
 * where the last attempt stopped; the counts are then taken from the table.
 */
public final class RangeRechecker {
  private final DataSource source;
  private final PartitionStore partitions;
  private final DiscrepancyStore discrepancies;
  private final BothSides.TargetFactory targets;

  RangeRechecker(
      DataSource source,
      PartitionStore partitions,
      DiscrepancyStore discrepancies,
      BothSides.TargetFactory targets) {
    this.source = source;
    this.partitions = partitions;
    this.discrepancies = discrepancies;
    this.targets = targets;
  }

  SettledCounts recheck(RangeRequest request, Heartbeats heartbeats) {
    JobSpec spec = request.spec();
    var scope = Scopes.of(request);
    var partition = partitions.load(request.cycleId(), request.rangeIndex());
    Lineage lineage = Lineage.current();
    List<Detected> batch = discrepancies.detected(scope, 0, DiscrepancyWriter.BATCH);
    if (!batch.isEmpty()) {
      var sides = BothSides.open(source, spec, false, targets);
      var diff = new RecordDiff(spec);
      while (!batch.isEmpty()) {
        // Raw keys (INVALID_KEY, foreign-typed ORPHAN) cannot be looked up: they persist as found.
        List<Detected> raw =
            batch.stream().filter(d -> StoreJson.key(d.keyText()).isRaw()).toList();
        var keys = new LinkedHashSet<RecordKey>();
        batch.stream()
            .filter(d -> !raw.contains(d))
            .forEach(d -> keys.add(StoreJson.key(d.keyText())));
        BothSides.Pair now = sides.byKeys(keys);
        var verdicts = new ArrayList<Verdict>(batch.size());
        for (Detected d : batch) {
          if (raw.contains(d)) {
            verdicts.add(new Verdict(d, asFound(d, spec, lineage)));
            continue;
          }
          Discrepancy found = now.discrepancy(diff, StoreJson.key(d.keyText()));
          verdicts.add(
              new Verdict(
                  d,
                  found == null ? null : DiscrepancyRow.of(found, spec.source().key(), lineage)));
        }
        discrepancies.settle(
            scope, verdicts, DetectionAudit.settled(spec, request.cycleId(), verdicts, lineage));
        heartbeats.beat(batch.get(batch.size() - 1).id());
        batch =
            discrepancies.detected(
                scope, batch.get(batch.size() - 1).id(), DiscrepancyWriter.BATCH);
      }
    }
    SettledCounts settled = discrepancies.tally(scope);
    partitions.done(
        request.cycleId(), request.rangeIndex(), Counts.of(partition.detected(), settled), lineage);
    return settled;
  }

  // The stored row unchanged (its detail too, as a null detail keeps the stored one).
  private static DiscrepancyRow asFound(Detected d, JobSpec spec, Lineage lineage) {
    return new DiscrepancyRow(
        d.keyHash(),
        d.keyText(),
        StoreJson.write(StoreJson.key(d.keyText()).display(spec.source().key())),
        d.kind(),
        d.severity(),
        "[]",
        null,
        null,
        null,
        lineage);
  }
}
