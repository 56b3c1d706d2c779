package io.recon.activities.compare;

import io.recon.activities.sides.BothSides;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.FeedKeys;
import io.recon.activities.store.FeedKeys.ClaimedKey;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Lineage;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.RecordDiff;
import io.recon.core.compare.RecordKey;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import java.util.List;
import javax.sql.DataSource;

/**
 * Compares the key set a feed's cycle claimed: both sides are read by key, a page of keys at a
 * time, and every difference is upserted as {@code DETECTED} exactly as a range comparison records
 * it (same rows, same natural key, same counts), so the recheck, routing, repair and verify that
 * follow cannot tell the two apart. A key neither side holds any more is in sync. A retry compares
 * the whole set again: the upsert keeps one row per key and kind, and the set is one batch.
 */
final class KeySetComparer {
  private final DataSource source;
  private final PartitionStore partitions;
  private final DiscrepancyStore discrepancies;
  private final FeedKeys feedKeys;
  private final BothSides.TargetFactory targets;

  KeySetComparer(
      DataSource source,
      PartitionStore partitions,
      DiscrepancyStore discrepancies,
      FeedKeys feedKeys,
      BothSides.TargetFactory targets) {
    this.source = source;
    this.partitions = partitions;
    this.discrepancies = discrepancies;
    this.feedKeys = feedKeys;
    this.targets = targets;
  }

  DetectedCounts compare(RangeRequest request, Heartbeats heartbeats) {
    var spec = request.spec();
    var scope = Scopes.of(request);
    var partition = partitions.load(request.cycleId(), request.rangeIndex());
    if (partition.status().compared()) {
      return discrepancies.detectedTally(scope, partition.detected().volumes());
    }
    Lineage lineage = Lineage.current();
    var sides = BothSides.open(source, spec, false, targets);
    var diff = new RecordDiff(spec);
    var writer =
        new DiscrepancyWriter(
            discrepancies, scope, spec.source().key(), lineage, heartbeats::keepAlive);
    long sourceRecords = 0;
    long targetRecords = 0;
    long compared = 0;
    long[] kinds = new long[4];
    String after = null;
    while (true) {
      List<ClaimedKey> page = feedKeys.claimed(request.cycleId(), after, DiscrepancyWriter.BATCH);
      if (page.isEmpty()) {
        break;
      }
      after = page.get(page.size() - 1).keyHash();
      // A raw key (one that no typed lookup can find) cannot come from a capture; skip it.
      List<RecordKey> keys = page.stream().map(ClaimedKey::key).filter(k -> !k.isRaw()).toList();
      BothSides.Pair now = sides.byKeys(keys);
      for (RecordKey key : keys) {
        long s = now.source().copies(key);
        long t = now.target().copies(key);
        sourceRecords += s;
        targetRecords += t;
        if (s + t == 0) {
          continue;
        }
        compared++;
        Discrepancy d = now.discrepancy(diff, key);
        if (d != null) {
          writer.accept(d);
          switch (d.kind()) {
            case MISSING -> kinds[0]++;
            case ORPHAN -> kinds[1]++;
            case MISMATCH -> kinds[2]++;
            default -> kinds[3]++;
          }
        }
      }
      writer.flush();
      heartbeats.keepAlive();
    }
    long[] sev = writer.takeSeverities();
    DetectedCounts counts =
        new DetectedCounts(
            new Volumes(sourceRecords, targetRecords, compared),
            new Findings(kinds[0], kinds[1], kinds[2], kinds[3], 0),
            new Severities(sev[0], sev[1], sev[2]));
    partitions.compared(
        request.cycleId(),
        request.rangeIndex(),
        counts,
        lineage,
        spec.name(),
        DetectionAudit.compared(request, counts, lineage));
    return counts;
  }
}
