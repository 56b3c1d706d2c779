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
  /** Changed rows an incremental range holds at least: one source page. */
  static final long MIN_CHANGED_ROWS = CompareActivitiesImpl.PAGE_SIZE;

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

  /**
   * The ranges to plan for {@code rows}: the spec's {@code partitions}, except that an incremental
   * cycle plans no range of less than {@link #MIN_CHANGED_ROWS} changed rows. Each range costs a
   * child, a compare and a recheck whatever it holds, and an incremental range reads its changed
   * rows by the {@code updatedAt} index and its documents by key, so a handful of changed rows per
   * range paid sixteen such fixed costs for what one page carries (issue 17: 1% changed at 200k was
   * 125 rows per range). A full cycle keeps the spec's partitions: its ranges are its parallelism
   * and its unit of resumption.
   */
  static int partitions(int partitions, long rows, boolean incremental) {
    if (!incremental) {
      return partitions;
    }
    long needed = (rows + MIN_CHANGED_ROWS - 1) / MIN_CHANGED_ROWS;
    return (int) Math.max(1, Math.min(partitions, needed));
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
    int count = partitions(spec.partitions(), rows, since != null);
    if (rows == 0 || count == 1) {
      ranges.add(KeyRange.ALL);
      planned.add(rows);
    } else {
      long step = (rows + count - 1) / count;
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
