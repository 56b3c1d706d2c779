package io.recon.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.RecordCanonicalizer;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.MissingPolicy;
import io.recon.core.spec.OrphanAction;
import io.recon.core.spec.OrphanPolicy;
import io.recon.core.spec.Severity;
import io.recon.core.spec.Specs;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class RecordDiffTest {
  private static final JobSpec BASE =
      Specs.job(
          true,
          new FieldSpec(
              "a", "a", FieldType.STRING, null, Severity.LOW, null, null, null, null, false),
          new FieldSpec(
              "b", "b", FieldType.STRING, null, Severity.MEDIUM, null, null, null, null, false));
  // Severities away from the HIGH default, so a test sees that the spec's own are used.
  private static final JobSpec SPEC =
      new JobSpec(
          BASE.name(),
          BASE.owner(),
          BASE.approvers(),
          BASE.source(),
          BASE.target(),
          BASE.fields(),
          BASE.nullEqualsAbsent(),
          new MissingPolicy(Severity.MEDIUM),
          new OrphanPolicy(Severity.LOW, OrphanAction.REPORT),
          BASE.partitions(),
          BASE.parallelism(),
          BASE.settle(),
          BASE.repair(),
          BASE.schedule(),
          BASE.auditKeys(),
          BASE.limits());
  private static final RecordCanonicalizer CANON = new RecordCanonicalizer(SPEC);
  private static final RecordKey KEY = RecordKey.of(7);
  private final RecordDiff diff = new RecordDiff(SPEC);

  @Test
  void sidesThatAgreeHaveNoDiscrepancy() {
    assertNull(diff.of(KEY, source("x", "y"), target("x", "y")));
    assertNull(diff.of(KEY, 1, source("x", "y"), 1, target("x", "y")));
  }

  @Test
  void aKeyNeitherSideHoldsHasNoDiscrepancy() {
    assertNull(diff.of(KEY, null, null));
    assertNull(diff.of(KEY, 0, null, 0, null));
  }

  @Test
  void aKeyOnlyTheSourceHoldsIsMissingAtTheSpecsSeverity() {
    CanonicalRecord s = source("x", "y");
    Discrepancy d = diff.of(KEY, s, null);
    assertEquals(DiscrepancyKind.MISSING, d.kind());
    assertEquals(Severity.MEDIUM, d.severity());
    assertEquals(s.hashHex(), d.sourceHash());
    assertNull(d.targetHash());
    assertEquals(List.of(), d.fields());
  }

  @Test
  void aKeyOnlyTheTargetHoldsIsAnOrphanAtTheSpecsSeverity() {
    CanonicalRecord t = target("x", "y");
    Discrepancy d = diff.of(KEY, 0, null, 1, t);
    assertEquals(DiscrepancyKind.ORPHAN, d.kind());
    assertEquals(Severity.LOW, d.severity());
    assertNull(d.sourceHash());
    assertEquals(t.hashHex(), d.targetHash());
  }

  @Test
  void aMismatchNamesTheDifferingFieldsAtTheHighestOfTheirSeverities() {
    Discrepancy low = diff.of(KEY, source("x", "y"), target("X", "y"));
    assertEquals(DiscrepancyKind.MISMATCH, low.kind());
    assertEquals(Severity.LOW, low.severity());
    assertEquals(List.of("a"), low.fields().stream().map(f -> f.targetPath()).toList());

    CanonicalRecord s = source("x", "y");
    CanonicalRecord t = target("X", "Y");
    Discrepancy both = diff.of(KEY, s, t);
    assertEquals(Severity.MEDIUM, both.severity());
    assertEquals(List.of("a", "b"), both.fields().stream().map(f -> f.targetPath()).toList());
    assertEquals(s.hashHex(), both.sourceHash());
    assertEquals(t.hashHex(), both.targetHash());
  }

  @Test
  void aKeyEitherSideRepeatsIsADuplicateWhateverTheCopiesSay() {
    Discrepancy onTarget = diff.of(KEY, 1, source("x", "y"), 2, target("x", "y"));
    assertEquals(DiscrepancyKind.DUPLICATE_KEY, onTarget.kind());
    assertEquals(Severity.HIGH, onTarget.severity());
    assertEquals("DUPLICATE_KEY: the target holds 2 documents with key " + KEY, onTarget.detail());

    Discrepancy onSource = diff.of(KEY, 3, source("x", "y"), 0, null);
    assertEquals(DiscrepancyKind.DUPLICATE_KEY, onSource.kind());
    assertEquals("DUPLICATE_KEY: the source holds 3 rows with key " + KEY, onSource.detail());
  }

  @Test
  void theMergeJoinGivesTheSameVerdictForEachKey() {
    var s = List.of(source(1, "x", "y"), source(2, "x", "y"), source(3, "x", "y"));
    var t = List.of(target(2, "x", "Y"), target(3, "x", "y"), target(4, "x", "y"));
    var found = new java.util.ArrayList<Discrepancy>();
    new MergeJoin(SPEC).run(KeyRange.ALL, s.iterator(), t.iterator(), found::add);
    assertEquals(
        List.of(
            diff.of(RecordKey.of(1), s.get(0), null),
            diff.of(RecordKey.of(2), s.get(1), t.get(0)),
            diff.of(RecordKey.of(4), null, t.get(2))),
        found);
  }

  private static CanonicalRecord source(String a, String b) {
    return source(7, a, b);
  }

  private static CanonicalRecord target(String a, String b) {
    return target(7, a, b);
  }

  private static CanonicalRecord source(int id, String a, String b) {
    return CANON.source(RecordKey.of(id), new Object[] {a, b});
  }

  private static CanonicalRecord target(int id, String a, String b) {
    return CANON.target(RecordKey.of(id), new Document("_id", id).append("a", a).append("b", b));
  }
}
