package io.recon.cli.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.recon.activities.compare.CompareActivitiesImpl;
import io.recon.activities.mongo.TargetReader;
import io.recon.activities.source.SourceProbe;
import io.recon.activities.source.SourceQuery;
import io.recon.activities.source.SourceReader;
import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.compare.KeyType;
import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.bson.Document;

/**
 * The floor: reading both sides once, in key order, over one range, with the cycle's own readers
 * and page and batch sizes ({@link CompareActivitiesImpl#PAGE_SIZE}). The readers canonicalize
 * every value, which is work the cycle must do too; the raw lines read the same query and
 * projection through the bare drivers, to show what canonicalization costs.
 */
final class Floor {
  private static final int PAGE = CompareActivitiesImpl.PAGE_SIZE;
  private final DataSource source;
  private final MongoClient mongo;
  private final JobSpec spec;
  private final List<KeyType> keyTypes;

  Floor(DataSource source, MongoClient mongo, JobSpec spec) {
    this.source = source;
    this.mongo = mongo;
    this.spec = spec;
    this.keyTypes = SourceProbe.keyTypes(source, spec, false);
  }

  /**
   * Each side alone, then both at once.
   *
   * @param sourceSeconds the SourceReader pages; {@code targetSeconds} the TargetReader stream
   * @param rawMaxSeconds the raw floor: the larger of the two bare-driver reads, the headline's
   *     denominator
   * @param sourceOverRaw SourceReader over the bare JDBC read of the same SQL and paging
   * @param targetOverRaw TargetReader over the bare driver's read of the same find
   */
  record Figures(
      long sourceRows,
      long targetDocuments,
      double rawSourceSeconds,
      double rawTargetSeconds,
      double sourceSeconds,
      double targetSeconds,
      double maxSeconds,
      double sumSeconds,
      double parallelSeconds,
      double rawMaxSeconds,
      double sourceOverRaw,
      double targetOverRaw) {}

  /**
   * How often each read is repeated, interleaved with the others; each line reports its fastest
   * round. On a shared machine a load spike in one read would otherwise move a ratio by itself.
   */
  static final int ROUNDS = 3;

  Figures measure() throws Exception {
    double rawSource = Double.MAX_VALUE;
    double rawTarget = Double.MAX_VALUE;
    double src = Double.MAX_VALUE;
    double tgt = Double.MAX_VALUE;
    long rawRows = 0;
    long rawDocs = 0;
    long rows = 0;
    long docs = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long t = System.nanoTime();
      rawRows = rawSource();
      rawSource = Math.min(rawSource, seconds(t));
      t = System.nanoTime();
      rows = readSource();
      src = Math.min(src, seconds(t));
      t = System.nanoTime();
      rawDocs = rawTarget();
      rawTarget = Math.min(rawTarget, seconds(t));
      t = System.nanoTime();
      docs = readTarget();
      tgt = Math.min(tgt, seconds(t));
    }
    if (rows != rawRows || docs != rawDocs) {
      throw new IllegalStateException(
          "the readers and the raw reads disagree: "
              + rows
              + "/"
              + rawRows
              + ", "
              + docs
              + "/"
              + rawDocs);
    }
    long t = System.nanoTime();
    var s = CompletableFuture.supplyAsync(this::readSourceUnchecked);
    var d = CompletableFuture.supplyAsync(this::readTarget);
    s.get();
    d.get();
    double parallel = seconds(t);
    return new Figures(
        rows,
        docs,
        round(rawSource),
        round(rawTarget),
        round(src),
        round(tgt),
        round(Math.max(src, tgt)),
        round(src + tgt),
        round(parallel),
        round(Math.max(rawSource, rawTarget)),
        round(src / rawSource),
        round(tgt / rawTarget));
  }

  /** SourceReader's keyset pages of PAGE + 1 rows, the last row starting the next page. */
  long readSource() throws SQLException {
    var reader = new SourceReader(source, spec, keyTypes);
    RecordKey start = null;
    long n = 0;
    while (true) {
      List<CanonicalRecord> page = reader.page(start, null, null, PAGE + 1);
      if (page.size() <= PAGE) {
        return n + page.size();
      }
      n += PAGE;
      start = page.get(PAGE).key();
    }
  }

  private long readSourceUnchecked() {
    try {
      return readSource();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** TargetReader's key-ordered, projected stream over the whole collection. */
  long readTarget() {
    var reader = new TargetReader(mongo, spec, keyTypes);
    long n = 0;
    try (TargetReader.Stream stream = reader.stream(null, null, PAGE)) {
      Iterator<CanonicalRecord> it = stream.until(null);
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  /** The same SQL and paging as SourceReader, each column read with getObject and dropped. */
  long rawSource() throws SQLException {
    var query = new SourceQuery(spec.source(), spec.fields(), keyTypes);
    Object start = null;
    long n = 0;
    int columns = 1 + spec.fields().size();
    while (true) {
      try (Connection c = source.getConnection()) {
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (PreparedStatement ps = c.prepareStatement(query.page(start != null, false, false))) {
          ps.setFetchSize(PAGE);
          int i = 1;
          if (start != null) {
            ps.setObject(i++, start);
          }
          ps.setInt(i, PAGE + 1);
          int rows = 0;
          Object next = null;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
              Object key = rs.getObject(1);
              for (int col = 2; col <= columns; col++) {
                rs.getObject(col);
              }
              if (rows == PAGE + 1) {
                next = key;
              }
            }
          }
          c.commit();
          if (next == null) {
            return n + rows;
          }
          n += PAGE;
          start = next;
        }
      }
    }
  }

  /** The same find, projection, sort and batch size as TargetReader, without canonicalizing. */
  long rawTarget() {
    var paths = new LinkedHashSet<>(spec.target().key());
    spec.fields().stream().map(FieldSpec::target).forEach(paths::add);
    long n = 0;
    try (MongoCursor<Document> cursor =
        mongo
            .getDatabase(spec.target().database())
            .getCollection(spec.target().collection())
            .find()
            .projection(Projections.include(List.copyOf(paths)))
            .sort(Sorts.ascending(spec.target().key()))
            .batchSize(PAGE)
            .iterator()) {
      while (cursor.hasNext()) {
        cursor.next();
        n++;
      }
    }
    return n;
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
