package io.recon.core.canonical;

import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;

/** Decides which fields of a source record and its target record differ. */
public final class RecordComparator {
  private final List<FieldSpec> fields;

  public RecordComparator(JobSpec spec) {
    this.fields = spec.fields();
  }

  /**
   * The differing fields, in spec order; empty when the records agree. Equal record hashes settle
   * it at once; otherwise every field is compared semantically, so a hash difference caused only by
   * a tolerance or a precision never becomes a mismatch.
   */
  public List<FieldDiff> diff(CanonicalRecord source, CanonicalRecord target) {
    if (source.sameHash(target)) {
      return List.of();
    }
    var diffs = new ArrayList<FieldDiff>();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      CanonicalValue s = source.values().get(i);
      CanonicalValue t = target.values().get(i);
      if (!FieldComparator.equal(f, s, t)) {
        diffs.add(new FieldDiff(f.target(), s.display(), t.display(), f.severity()));
      }
    }
    return diffs;
  }
}
