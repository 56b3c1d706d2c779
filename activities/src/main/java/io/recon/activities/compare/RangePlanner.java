package io.recon.activities.compare;

import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceStats;
import io.recon.activities.store.FeedKeys;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Lineage;
import io.recon.core.compare.KeyRange;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.workflows.activities.PlanRequest;
import io.recon.workflows.activities.RangePlan;
import io.recon.workflows.cycle.Incremental;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Splits the source's keys into ranges of about equal row counts: it counts the rows, then asks the
 * database for every n-th key in key order. This works for any key type, composite keys included,
 * where min/max arithmetic works only for integers and skews on gaps.
 */
final class RangePlanner {
  private final DataSource source;
  private final PartitionStore partitions;
  private final FeedKeys feedKeys;

  RangePlanner(DataSource source, PartitionStore partitions, FeedKeys feedKeys) {
    this.source = source;
    this.partitions = partitions;
    this.feedKeys = feedKeys;
  }

  /**
   * A key-set cycle has one range, open at both ends, whose keys are the feed's waiting keys it
   * claims here (at most {@code feed.batch}, oldest first). It moves no watermark: it compared only
   * the keys that changed, not every row changed since a time.
   */
  private RangePlan planKeys(PlanRequest request) {
    var spec = request.spec();
    long claimed = feedKeys.claim(spec.name(), request.cycleId(), spec.feedSettings().batch());
    return partitions.save(
        request.cycleId(),
        spec.canonicalHash(),
        List.of(KeyRange.ALL),
        List.of(claimed),
        null,
        Lineage.current());
  }

  RangePlan plan(PlanRequest request) {
    Optional<RangePlan> existing = partitions.plan(request.cycleId());
    if (existing.isPresent()) {
      return existing.get();
    }
    var spec = request.spec();
    if (request.mode() == Mode.KEYS) {
      return planKeys(request);
    }
    Instant since = Incremental.since(request.mode(), request.since());
    List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, request.mode() == Mode.INCREMENTAL);
    var stats = new SourceStats(source, spec, keyTypes);
    // The clock is read before the rows: a row changed while planning is compared again next time.
    Instant watermark = stats.now();
    long rows = stats.count(since);
    var ranges = new ArrayList<KeyRange>();
    var planned = new ArrayList<Long>();
    if (rows == 0 || spec.partitions() == 1) {
      ranges.add(KeyRange.ALL);
      planned.add(rows);
    } else {
      long step = (rows + spec.partitions() - 1) / spec.partitions();
      RecordKey lo = null;
      for (RecordKey b : stats.boundaries(since, step)) {
        // Keys are unique, but a non-unique key column must not yield an empty or inverted range.
        if (lo == null || lo.compareTo(b) < 0) {
          ranges.add(new KeyRange(lo, b));
          planned.add(step);
          lo = b;
        }
      }
      ranges.add(new KeyRange(lo, null));
      planned.add(Math.max(0, rows - step * (ranges.size() - 1)));
    }
    return partitions.save(
        request.cycleId(), spec.canonicalHash(), ranges, planned, watermark, Lineage.current());
  }
}
