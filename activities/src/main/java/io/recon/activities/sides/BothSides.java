package io.recon.activities.sides;

import com.mongodb.client.MongoClient;
import io.recon.activities.mongo.TargetReader;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceReader;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordDiff;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.JobSpec;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The source and the target of one job, opened together: the source's columns are probed once (a
 * missing column or a drifted type fails here, before anything is read) and both readers share the
 * key types found. The comparison streams ranges through {@link #source()} and {@link #target()};
 * the recheck and the verify read both sides of a key set at once with {@link #byKeys}.
 */
public final class BothSides {
  /** Opens the target reader; tests count or fail the opening through it. */
  public interface TargetFactory {
    TargetReader open(JobSpec spec, List<KeyType> keyTypes);
  }

  private final List<KeyType> keyTypes;
  private final SourceReader source;
  private final TargetReader target;

  private BothSides(List<KeyType> keyTypes, SourceReader source, TargetReader target) {
    this.keyTypes = keyTypes;
    this.source = source;
    this.target = target;
  }

  /**
   * Probes the source and opens both sides for {@code spec}.
   *
   * @param incremental whether the cycle reads only changed rows, which needs {@code
   *     source.updatedAt}
   * @throws io.temporal.failure.ApplicationFailure as {@link SourceProbe#keyTypes} does
   */
  public static BothSides open(
      DataSource source, JobSpec spec, boolean incremental, TargetFactory targets) {
    List<KeyType> keyTypes = SourceProbe.keyTypes(source, spec, incremental);
    return new BothSides(
        keyTypes, new SourceReader(source, spec, keyTypes), targets.open(spec, keyTypes));
  }

  /** Probes the source and opens both sides for {@code spec}, the target on {@code mongo}. */
  public static BothSides open(
      DataSource source, MongoClient mongo, JobSpec spec, boolean incremental) {
    return open(source, spec, incremental, onMongo(mongo));
  }

  /** The factory of target readers on {@code mongo}. */
  public static TargetFactory onMongo(MongoClient mongo) {
    return (spec, keyTypes) -> new TargetReader(mongo, spec, keyTypes);
  }

  public List<KeyType> keyTypes() {
    return keyTypes;
  }

  public SourceReader source() {
    return source;
  }

  public TargetReader target() {
    return target;
  }

  /**
   * Both sides' records of {@code keys}, as they are now. Keys are read once each, whatever the
   * collection repeats; memory is bounded by the key set (one batch).
   */
  public Pair byKeys(Collection<RecordKey> keys) {
    List<RecordKey> distinct = keys.stream().distinct().toList();
    return new Pair(
        new KeyedRecords(source.byKeys(distinct)), new KeyedRecords(target.byKeys(distinct)));
  }

  /** The two sides of one key set. */
  public record Pair(KeyedRecords source, KeyedRecords target) {
    /** What differs now between the sides of {@code key}, or null if they agree. */
    public Discrepancy discrepancy(RecordDiff diff, RecordKey key) {
      return diff.of(key, source.copies(key), source.get(key), target.copies(key), target.get(key));
    }
  }
}
