package io.recon.activities.compare;

import io.recon.activities.mongo.StrayKeys;
import io.recon.activities.mongo.TargetReader;
import io.recon.activities.sides.BothSides;
import io.recon.activities.source.SourceReader;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Failures;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.Throttle;
import io.recon.activities.support.TraceSpan;
import io.recon.activities.support.Traces;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.compare.CompareCounts;
import io.recon.core.compare.KeyCodec;
import io.recon.core.compare.KeyRange;
import io.recon.core.compare.MergeJoin;
import io.recon.core.compare.OutOfOrderException;
import io.recon.core.compare.RecordKey;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.DetectedCounts;
import io.recon.workflows.cycle.Findings;
import io.recon.workflows.cycle.Incremental;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.cycle.Severities;
import io.recon.workflows.cycle.Volumes;
import io.recon.workflows.failure.FailureType;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
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
  private final BothSides.TargetFactory targets;
  private final int pageSize;
  private final Consumer<Checkpoint> afterChunk;
  // Reads the next source page of a range while its current chunk is compared; null reads in turn.
  private final Executor prefetch;

  RangeComparer(
      DataSource source,
      PartitionStore partitions,
      DiscrepancyStore discrepancies,
      BothSides.TargetFactory targets,
      int pageSize,
      Consumer<Checkpoint> afterChunk,
      Executor prefetch) {
    this.source = source;
    this.partitions = partitions;
    this.discrepancies = discrepancies;
    this.targets = targets;
    this.pageSize = pageSize;
    this.afterChunk = afterChunk;
    this.prefetch = prefetch;
  }

  DetectedCounts compare(RangeRequest request, Checkpoint resume, Heartbeats heartbeats) {
    var spec = request.spec();
    var scope = Scopes.of(request);
    var partition = partitions.load(request.cycleId(), request.rangeIndex());
    if (partition.status().compared()) {
      // Compared before (the result was lost, or the workflow asked again): do not re-detect.
      return discrepancies.detectedTally(scope, partition.detected().volumes());
    }
    // Only the rows changed since the bound are read, and the target by their keys: no stream.
    Instant since = Incremental.since(request.mode(), request.since());
    boolean incremental = since != null;
    var sides = BothSides.open(source, spec, request.mode() == Mode.INCREMENTAL, targets);
    SourceReader sourceReader = sides.source();
    TargetReader targetReader = sides.target();
    KeyRange range = partition.range();
    Lineage lineage = Lineage.current();

    DetectedCounts counts = resume == null ? DetectedCounts.ZERO : resume.counts();
    // A checkpoint without a key was taken before the first chunk: start over at the range's start.
    RecordKey start =
        resume == null || resume.next() == null ? range.lo() : KeyCodec.decode(resume.next());
    heartbeats.beat(new Checkpoint(start == null ? null : KeyCodec.encode(start), counts));
    var join = new MergeJoin(spec);
    var writer =
        new DiscrepancyWriter(
            discrepancies, scope, spec.source().key(), lineage, heartbeats::keepAlive);
    var strays = new StrayKeys(targetReader.keys(), spec.orphan().severity(), writer);
    // The read of the next source page, started while this chunk's target is read and joined.
    SourcePage next = null;
    try (TraceSpan cursor =
            Traces.span(incremental ? Traces.TARGET_LOOKUPS : Traces.TARGET_CURSOR);
        TargetReader.Stream stream =
            incremental ? null : targetReader.stream(start, range.hi(), pageSize, strays)) {
      Throttle throttle = Throttle.of(spec.limits().readsPerSecondPerRange(spec.parallelism()));
      while (true) {
        List<CanonicalRecord> page;
        if (next == null) {
          // The job's read cap applies before each page, so a capped job reads at its pace.
          throttle.acquire(pageSize + 1, heartbeats::keepAlive);
          page = readPage(sourceReader, start, range.hi(), since);
        } else {
          page = next.await();
          next = null;
        }
        Chunk chunk = chunk(page, start, range, since, sourceReader);
        RecordKey end = chunk.end();
        boolean last = end == null ? range.hi() == null : end.equals(range.hi());
        if (!last && prefetch != null) {
          // PostgreSQL reads the next page while the target serves this chunk, so the two
          // servers work at once instead of in turn. The reader is used by one thread at a time:
          // this one takes it back only after awaiting the page.
          throttle.acquire(pageSize + 1, heartbeats::keepAlive);
          next = SourcePage.start(prefetch, () -> readPage(sourceReader, end, range.hi(), since));
        }
        List<CanonicalRecord> rows = chunk.rows();
        Iterator<CanonicalRecord> target =
            incremental ? sorted(targetReader.byKeys(keysOf(rows))) : stream.until(end);
        CompareCounts c;
        try {
          c = join.run(new KeyRange(start, end), chunk.source(), target, writer);
        } catch (OutOfOrderException e) {
          // A collation disagreement: every verdict past this point would be wrong.
          throw Failures.permanent(FailureType.INVALID_KEY, e.getMessage());
        }
        strays.flush();
        writer.flush();
        counts = counts.plus(counts(c, strays.take(), writer.takeSeverities()));
        cursor.records(counts.volumes().targetRecords());
        if (last) {
          break;
        }
        start = end;
        Checkpoint checkpoint = new Checkpoint(KeyCodec.encode(start), counts);
        heartbeats.beat(checkpoint);
        afterChunk.accept(checkpoint);
      }
    } finally {
      SourcePage.abandon(next);
    }
    if (request.rangeIndex() == 0) {
      counts = counts.plus(unkeyed(spec, sourceReader, targetReader, writer));
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

  private List<CanonicalRecord> readPage(
      SourceReader sourceReader, RecordKey from, RecordKey hi, Instant since) {
    return Traces.call(
        Traces.SOURCE_PAGE, () -> sourceReader.page(from, hi, since, pageSize + 1), List::size);
  }

  /**
   * One chunk of source rows: {@code rows} with keys in {@code [start, end)}, and the iterator the
   * merge-join reads them from (which may repeat a row, see below).
   */
  private record Chunk(
      List<CanonicalRecord> rows, RecordKey end, Iterator<CanonicalRecord> source) {}

  /**
   * The chunk that starts at {@code start} with the source page {@code page} (read with one row
   * more than a chunk holds). Its end is the first key of the next chunk, so every copy of a
   * repeated key falls in one chunk. A key repeated more often than a page holds makes a chunk of
   * its own, which steps past it to the next distinct key, so no key can hold a range in place.
   */
  private Chunk chunk(
      List<CanonicalRecord> page,
      RecordKey start,
      KeyRange range,
      Instant since,
      SourceReader sourceReader) {
    if (page.size() <= pageSize) {
      return new Chunk(page, range.hi(), page.iterator());
    }
    RecordKey end = page.get(pageSize).key();
    int n = pageSize;
    while (n > 0 && page.get(n - 1).key().compareTo(end) == 0) {
      n--;
    }
    if (n > 0 || start == null || start.compareTo(end) != 0) {
      List<CanonicalRecord> rows = page.subList(0, n);
      return new Chunk(rows, end, rows.iterator());
    }
    // The whole page holds one key, the chunk's start: count its copies rather than read them.
    RecordKey next = sourceReader.keyAfter(start, range.hi(), since);
    RecordKey stop = next == null ? range.hi() : next;
    long copies = sourceReader.count(start, stop, since);
    CanonicalRecord first = page.get(0);
    return new Chunk(List.of(first), stop, repeat(first, copies));
  }

  private static Iterator<CanonicalRecord> repeat(CanonicalRecord record, long times) {
    return new Iterator<>() {
      private long left = times;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public CanonicalRecord next() {
        if (left-- <= 0) {
          throw new java.util.NoSuchElementException();
        }
        return record;
      }
    };
  }

  private static List<RecordKey> keysOf(List<CanonicalRecord> rows) {
    return rows.stream().map(CanonicalRecord::key).distinct().toList();
  }

  // The merge-join needs key order; a lookup by keys returns documents in any order.
  private static Iterator<CanonicalRecord> sorted(List<CanonicalRecord> records) {
    return records.stream().sorted(java.util.Comparator.comparing(CanonicalRecord::key)).iterator();
  }

  /**
   * The records no range holds, found once per cycle by the first range: source rows with a NULL
   * key part ({@code INVALID_KEY}) and documents whose key part is absent, NULL ({@code
   * INVALID_KEY}) or of another type ({@code ORPHAN} naming the type). Range reads never return
   * them (SQL comparisons skip NULL; MongoDB compares only values of one type bracket), so without
   * this pass they would be silently out of every verdict. Rerun in full on a retry; the store's
   * upsert keeps one row per key and kind.
   */
  private DetectedCounts unkeyed(
      io.recon.core.spec.JobSpec spec,
      SourceReader sourceReader,
      TargetReader targetReader,
      DiscrepancyWriter writer) {
    long[] sourceInvalid = new long[1];
    long sourceRows =
        sourceReader.nullKeys(
            spec.source().key(),
            d -> {
              writer.accept(d);
              sourceInvalid[0]++;
            });
    var strays = new StrayKeys(targetReader.keys(), spec.orphan().severity(), writer);
    targetReader.strays(strays, pageSize);
    writer.flush();
    long[] t = strays.take();
    long[] severities = writer.takeSeverities();
    long invalid = sourceInvalid[0] + t[1];
    return new DetectedCounts(
        new Volumes(sourceRows, t[2], invalid + t[0]),
        new Findings(0, t[0], 0, 0, invalid),
        new Severities(severities[0], severities[1], severities[2]));
  }

  private static DetectedCounts counts(CompareCounts c, long[] strays, long[] severities) {
    return new DetectedCounts(
        new Volumes(
            c.sourceRecords(),
            c.targetRecords() + strays[2],
            c.compared() + c.missing() + c.orphan() + c.duplicate() + strays[0] + strays[1]),
        new Findings(c.missing(), c.orphan() + strays[0], c.mismatch(), c.duplicate(), strays[1]),
        new Severities(severities[0], severities[1], severities[2]));
  }
}
