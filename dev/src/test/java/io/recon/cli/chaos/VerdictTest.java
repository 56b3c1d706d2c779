package io.recon.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static final BsonValue A = new BsonInt64(2);
  private static final BsonValue B = new BsonInt64(4);
  private static final BsonValue C = new BsonInt64(6);
  private static final BsonValue STRAY = new BsonInt64(8);

  private final WriteLedger ledger = new WriteLedger("bench", "chaos_target");

  @Test
  void everyRepairOnceIsExact() {
    update(List.of(A, B), 2, 2);
    insert(List.of(C), 1);
    Verdict v = Verdict.of(Set.of(A, B, C), Set.of(), Set.of(), Set.of(), ledger.snapshot());
    assertEquals(new Verdict(0, 0, 0, 0), v);
    assertTrue(v.exact());
  }

  @Test
  void aRetriedRepairThatMatchesNothingIsNoDuplicate() {
    update(List.of(A, B), 2, 2);
    update(List.of(A, B), 0, 0); // the retry after a kill: the compared state is gone
    assertTrue(Verdict.of(Set.of(A, B), Set.of(), Set.of(), Set.of(), ledger.snapshot()).exact());
  }

  @Test
  void aSecondWriteOfTheSameDocumentIsADuplicate() {
    update(List.of(A), 1, 1);
    update(List.of(A), 1, 1);
    update(List.of(STRAY), 1, 1);
    Verdict v = Verdict.of(Set.of(A), Set.of(), Set.of(), Set.of(), ledger.snapshot());
    assertEquals(2, v.duplicated());
    assertFalse(v.exact());
  }

  @Test
  void unattributableWritesCountOnlyBeyondTheIdsTheyMayBelongTo() {
    // Two of three statements modified a document, nobody can say which: they may be A and B.
    update(List.of(A, B, C), 2, 2);
    assertEquals(
        0,
        Verdict.of(Set.of(A, B, C), Set.of(), Set.of(), Set.of(), ledger.snapshot()).duplicated());
    ledger.clear();
    update(List.of(A), 1, 1);
    update(List.of(A, B, C), 3, 2);
    // A already has its write; the ambiguous 2 can only be B and C.
    assertEquals(
        0,
        Verdict.of(Set.of(A, B, C), Set.of(), Set.of(), Set.of(), ledger.snapshot()).duplicated());
    ledger.clear();
    update(List.of(A, B), 1, 1);
    update(List.of(A, B, C), 3, 2);
    // Up to 2 of the ambiguous writes may be first writes (B, C are not attributed yet): none
    // extra.
    update(List.of(A, B, C), 3, 2);
    assertEquals(
        2,
        Verdict.of(Set.of(A, B, C), Set.of(), Set.of(), Set.of(), ledger.snapshot()).duplicated());
  }

  @Test
  void lostClobberedAndUnansweredAreReported() {
    ledger.unanswered();
    Verdict v = Verdict.of(Set.of(A, B), Set.of(C), Set.of(B), Set.of(C), ledger.snapshot());
    assertEquals(new Verdict(1, 0, 1, 1), v);
    assertFalse(v.exact());
  }

  @Test
  void aConcurrentlyWrittenDocumentMayHaveBeenRepairedOnceBeforehand() {
    update(List.of(C), 1, 1);
    assertTrue(Verdict.of(Set.of(), Set.of(C), Set.of(), Set.of(), ledger.snapshot()).exact());
  }

  @Test
  void failedStatementsAreNotCounted() {
    ledger.record(
        new WireMessages.Write("insert", "bench", "chaos_target", List.of(A, B)),
        new WireMessages.Reply(true, 1, 0, List.of(0)));
    assertEquals(0, ledger.snapshot().of(A));
    assertEquals(1, ledger.snapshot().of(B));
  }

  private void update(List<BsonValue> ids, long matched, long modified) {
    ledger.record(
        new WireMessages.Write("update", "bench", "chaos_target", ids),
        new WireMessages.Reply(true, matched, modified, List.of()));
  }

  private void insert(List<BsonValue> ids, long n) {
    ledger.record(
        new WireMessages.Write("insert", "bench", "chaos_target", ids),
        new WireMessages.Reply(true, n, 0, List.of()));
  }
}
