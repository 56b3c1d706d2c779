package io.recon.activities.compare;

import io.recon.activities.mongo.TargetReader;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceReader;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.Throttle;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.compare.CompareCounts;
import io.recon.core.compare.KeyCodec;
import io.recon.core.compare.KeyRange;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.MergeJoin;
import io.recon.core.compare.RecordKey;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Compares one range in chunks. A chunk is one source page of up to {@code pageSize} rows; the page
 * is read with one extra row, whose key ends the chunk, so the chunk is the half-open range {@code
 * [start, next)} and the target is cut at exactly the same key. After each chunk its discrepancies
 * are stored and the next start heartbeats with the counts: a retry resumes there.
 */
final class RangeComparer {
  private final DataSource source;
  private final PartitionStore partitions;
  private final DiscrepancyStore discrepancies;
  private final TargetFactory targets;
  private final int pageSize;
  private final Consumer<Checkpoint> afterChunk;

  interface TargetFactory {
    TargetReader open(io.recon.core.spec.JobSpec spec, List<KeyType> keyTypes);
  }

  RangeComparer(
      DataSource source,
      PartitionStore partitions,
      DiscrepancyStore discrepancies,
      TargetFactory targets,
      int pageSize,
      Consumer<Checkpoint> afterChunk) {
    this.source = source;
    this.partitions = partitions;
    this.discrepancies = discrepancies;
    this.targets = targets;
    this.pageSize = pageSize;
    this.afterChunk = afterChunk;
  }

  Counts compare(RangeRequest request, Checkpoint resume, Heartbeats heartbeats) {
    var spec = request.spec();
    var scope = Scopes.of(request);
    var partition = partitions.load(request.cycleId(), request.rangeIndex());
    if (partition.status().equals(PartitionStore.COMPARED)
        || partition.status().equals(PartitionStore.DONE)) {
      // Compared before (the result was lost, or the workflow asked again): do not re-detect.
      return discrepancies.detectedTally(scope, partition.counts());
    }
    boolean incremental = request.mode() == Mode.INCREMENTAL && request.since() != null;
    Instant since = incremental ? request.since() : null;
    List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, incremental);
    var sourceReader = new SourceReader(source, spec, keyTypes);
    TargetReader targetReader = targets.open(spec, keyTypes);
    KeyRange range = partition.range();
    Lineage lineage = Lineage.current();

    Counts counts = resume == null ? Counts.ZERO : resume.counts();
    // A checkpoint without a key was taken before the first chunk: start over at the range's start.
    RecordKey start =
        resume == null || resume.next() == null ? range.lo() : KeyCodec.decode(resume.next());
    heartbeats.beat(new Checkpoint(start == null ? null : KeyCodec.encode(start), counts));
    var join = new MergeJoin(spec);
    var writer =
        new DiscrepancyWriter(
            discrepancies, scope, spec.source().key(), lineage, heartbeats::keepAlive);
    try (TargetReader.Stream stream =
        incremental ? null : targetReader.stream(start, range.hi(), pageSize)) {
      Throttle throttle = Throttle.of(spec.limits().readsPerSecondPerRange(spec.parallelism()));
      while (true) {
        // The job's read cap applies before each page, so a capped job reads at its pace.
        throttle.acquire(pageSize + 1, heartbeats::keepAlive);
        List<CanonicalRecord> page = sourceReader.page(start, range.hi(), since, pageSize + 1);
        boolean last = page.size() <= pageSize;
        RecordKey end = last ? range.hi() : page.get(pageSize).key();
        List<CanonicalRecord> rows = last ? page : page.subList(0, pageSize);
        Iterator<CanonicalRecord> target =
            incremental
                ? targetReader.byKeys(rows.stream().map(CanonicalRecord::key).toList()).iterator()
                : stream.until(end);
        CompareCounts c = join.run(new KeyRange(start, end), rows.iterator(), target, writer);
        writer.flush();
        counts = counts.plus(counts(c, writer.takeSeverities()));
        if (last) {
          break;
        }
        start = end;
        Checkpoint checkpoint = new Checkpoint(KeyCodec.encode(start), counts);
        heartbeats.beat(checkpoint);
        afterChunk.accept(checkpoint);
      }
    }
    partitions.compared(
        request.cycleId(),
        request.rangeIndex(),
        counts,
        lineage,
        spec.name(),
        DetectionAudit.compared(request, counts, lineage));
    return counts;
  }

  private static Counts counts(CompareCounts c, long[] severities) {
    return new Counts(
        c.sourceRecords(),
        c.targetRecords(),
        c.compared() + c.missing() + c.orphan(),
        c.missing(),
        c.orphan(),
        c.mismatch(),
        0,
        severities[0],
        severities[1],
        severities[2]);
  }
}
