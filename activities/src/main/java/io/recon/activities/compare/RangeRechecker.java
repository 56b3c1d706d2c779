package io.recon.activities.compare;

import io.recon.activities.mongo.TargetReader;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceReader;
import io.recon.activities.store.DiscrepancyRow;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.store.DiscrepancyStore.Detected;
import io.recon.activities.store.DiscrepancyStore.Verdict;
import io.recon.activities.store.PartitionStore;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.StoreJson;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.FieldDiff;
import io.recon.core.canonical.RecordComparator;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancyKind;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Severity;
import io.recon.workflows.activities.RangeRequest;
import io.recon.workflows.cycle.Counts;
import io.recon.workflows.cycle.SettledCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private final RangeComparer.TargetFactory targets;

  RangeRechecker(
      DataSource source,
      PartitionStore partitions,
      DiscrepancyStore discrepancies,
      RangeComparer.TargetFactory targets) {
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
      List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, false);
      var sourceReader = new SourceReader(source, spec, keyTypes);
      TargetReader targetReader = targets.open(spec, keyTypes);
      var comparator = new RecordComparator(spec);
      while (!batch.isEmpty()) {
        // Raw keys (INVALID_KEY, foreign-typed ORPHAN) cannot be looked up: they persist as found.
        List<Detected> raw =
            batch.stream().filter(d -> StoreJson.key(d.keyText()).isRaw()).toList();
        var keys = new LinkedHashSet<RecordKey>();
        batch.stream()
            .filter(d -> !raw.contains(d))
            .forEach(d -> keys.add(StoreJson.key(d.keyText())));
        var sourceRows = new Side(sourceReader.byKeys(List.copyOf(keys)));
        var targetDocs = new Side(targetReader.byKeys(List.copyOf(keys)));
        var verdicts = new ArrayList<Verdict>(batch.size());
        for (Detected d : batch) {
          if (raw.contains(d)) {
            verdicts.add(new Verdict(d, asFound(d, spec, lineage)));
            continue;
          }
          RecordKey key = StoreJson.key(d.keyText());
          long sourceCopies = sourceRows.copies(key);
          long targetCopies = targetDocs.copies(key);
          Discrepancy now =
              sourceCopies > 1 || targetCopies > 1
                  ? Discrepancy.duplicate(key, Severity.HIGH, sourceCopies, targetCopies)
                  : verdict(spec, comparator, key, sourceRows.get(key), targetDocs.get(key));
          verdicts.add(
              new Verdict(
                  d, now == null ? null : DiscrepancyRow.of(now, spec.source().key(), lineage)));
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

  /** What differs now between the two sides of {@code key}, or null if they agree. */
  public static Discrepancy verdict(
      JobSpec spec,
      RecordComparator comparator,
      RecordKey key,
      CanonicalRecord s,
      CanonicalRecord t) {
    if (s == null && t == null) {
      return null;
    }
    if (t == null) {
      return new Discrepancy(
          key, DiscrepancyKind.MISSING, spec.missing().severity(), List.of(), s.hashHex(), null);
    }
    if (s == null) {
      return new Discrepancy(
          key, DiscrepancyKind.ORPHAN, spec.orphan().severity(), List.of(), null, t.hashHex());
    }
    List<FieldDiff> diffs = comparator.diff(s, t);
    if (diffs.isEmpty()) {
      return null;
    }
    var worst = diffs.stream().map(FieldDiff::severity).max(Enum::compareTo).orElseThrow();
    return new Discrepancy(key, DiscrepancyKind.MISMATCH, worst, diffs, s.hashHex(), t.hashHex());
  }

  /** One side's records of a batch by key, with how many records hold each key. */
  private static final class Side {
    private final Map<RecordKey, CanonicalRecord> first = new HashMap<>();
    private final Map<RecordKey, Long> copies = new HashMap<>();

    Side(List<CanonicalRecord> records) {
      for (CanonicalRecord r : records) {
        first.putIfAbsent(r.key(), r);
        copies.merge(r.key(), 1L, Long::sum);
      }
    }

    CanonicalRecord get(RecordKey key) {
      return first.get(key);
    }

    long copies(RecordKey key) {
      return copies.getOrDefault(key, 0L);
    }
  }
}
