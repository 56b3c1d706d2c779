package io.recon.core.canonical;

import io.recon.core.compare.RecordKey;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.List;
import java.util.Map;

/** Builds {@link CanonicalRecord}s of one job from source rows and target documents. */
public final class RecordCanonicalizer {
  private final List<FieldSpec> fields;
  private final boolean nullEqualsAbsent;
  // The hash buffer of the thread that built this canonicalizer (a reader's, which reads on it):
  // its records skip the thread-local lookup; any other thread's use the thread-local buffer.
  private final Thread owner = Thread.currentThread();
  private final CanonicalEncoder encoder = new CanonicalEncoder(512);

  public RecordCanonicalizer(JobSpec spec) {
    this.fields = spec.fields();
    this.nullEqualsAbsent = spec.nullEqualsAbsent();
  }

  private CanonicalEncoder encoder() {
    return Thread.currentThread() == owner ? encoder : null;
  }

  /**
   * A source record.
   *
   * @param values JDBC values ({@code ResultSet.getObject}) in spec field order
   */
  public CanonicalRecord source(RecordKey key, Object[] values) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException(
          "expected " + fields.size() + " source values, got " + values.length);
    }
    var canonical = new CanonicalValue[values.length];
    for (int i = 0; i < values.length; i++) {
      canonical[i] = Canonicalizer.source(fields.get(i), values[i]);
    }
    return new CanonicalRecord(key, canonical, encoder());
  }

  /**
   * A target record; each field is read from its dotted target path in {@code doc} (an {@code
   * org.bson.Document} or any map of BSON values).
   */
  public CanonicalRecord target(RecordKey key, Map<String, ?> doc) {
    var canonical = new CanonicalValue[fields.size()];
    for (int i = 0; i < canonical.length; i++) {
      FieldSpec f = fields.get(i);
      CanonicalValue v = Canonicalizer.target(f, DocumentPaths.get(doc, f.target()));
      // Folding absent into null here makes the hash agree with the declared rule too.
      if (nullEqualsAbsent && v == CanonicalValue.Absent.INSTANCE) {
        v = CanonicalValue.Null.INSTANCE;
      }
      canonical[i] = v;
    }
    return new CanonicalRecord(key, canonical, encoder());
  }
}
