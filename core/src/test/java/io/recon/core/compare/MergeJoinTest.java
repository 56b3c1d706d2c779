package io.recon.core.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.core.canonical.CanonicalRecord;
import io.recon.core.canonical.RecordCanonicalizer;
import io.recon.core.spec.FieldSpec;
import io.recon.core.spec.FieldType;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.Severity;
import io.recon.core.spec.Specs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MergeJoinTest {
  private static final JobSpec SPEC = Specs.job(true, FieldSpec.of("v", "v", FieldType.STRING));
  private static final RecordCanonicalizer CANON = new RecordCanonicalizer(SPEC);
  private static final String TRICKY = "aB_éZ\uFFFD\uFF21\uD83D\uDE00";

  /** 0 integer, 1 text, 2 UUID, 3 composite (integer, text). */
  @Property(tries = 200)
  void findsExactlyTheInsertedDivergencesAndNoOthers(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int keyKind) {
    var random = new Random(seed);
    var pool = new TreeSet<RecordKey>();
    for (int i = 0; i < 60; i++) {
      pool.add(key(keyKind, random));
    }
    var keys = new ArrayList<>(pool);
    RecordKey lo = random.nextBoolean() ? null : keys.get(random.nextInt(keys.size() / 2));
    RecordKey hi =
        random.nextBoolean() ? null : keys.get(keys.size() / 2 + random.nextInt(keys.size() / 2));
    var range = new KeyRange(lo, hi);

    var source = new ArrayList<CanonicalRecord>();
    var target = new ArrayList<CanonicalRecord>();
    var expected = new HashMap<RecordKey, DiscrepancyKind>();
    List<RecordKey> inRange = keys.stream().filter(range::contains).toList();
    for (int i = 0; i < inRange.size(); i++) {
      RecordKey k = inRange.get(i);
      // The first and last keys of the range always diverge: boundaries are where joins slip.
      int state = i == 0 || i == inRange.size() - 1 ? 1 + random.nextInt(3) : random.nextInt(6);
      switch (state) {
        case 1 -> {
          source.add(source(k, "v" + i));
          expected.put(k, DiscrepancyKind.MISSING);
        }
        case 2 -> {
          target.add(target(k, "v" + i));
          expected.put(k, DiscrepancyKind.ORPHAN);
        }
        case 3 -> {
          source.add(source(k, "v" + i));
          target.add(target(k, "changed" + i));
          expected.put(k, DiscrepancyKind.MISMATCH);
        }
        default -> {
          source.add(source(k, "v" + i));
          target.add(target(k, "v" + i));
        }
      }
    }
    var found = new HashMap<RecordKey, DiscrepancyKind>();
    var previous = new ArrayList<RecordKey>();
    CompareCounts counts =
        new MergeJoin(SPEC)
            .run(
                range,
                source.iterator(),
                target.iterator(),
                d -> {
                  assertTrue(previous.isEmpty() || previous.get(0).compareTo(d.key()) < 0);
                  previous.add(0, d.key());
                  found.put(d.key(), d.kind());
                });
    assertEquals(expected, found);
    assertEquals(source.size(), counts.sourceRecords());
    assertEquals(target.size(), counts.targetRecords());
    assertEquals(expected.size(), counts.missing() + counts.orphan() + counts.mismatch());
  }

  @Test
  void mismatchCarriesTheDifferingFieldsAndTheirHighestSeverity() {
    var spec =
        Specs.job(
            true,
            new FieldSpec(
                "a", "a", FieldType.STRING, null, Severity.LOW, null, null, null, null, false),
            new FieldSpec(
                "b", "b", FieldType.STRING, null, Severity.HIGH, null, null, null, null, false));
    var c = new RecordCanonicalizer(spec);
    var s = c.source(RecordKey.of(1), new Object[] {"x", "y"});
    var t = c.target(RecordKey.of(1), new Document("a", "X").append("b", "Y"));
    var found = new ArrayList<Discrepancy>();
    new MergeJoin(spec).run(KeyRange.ALL, List.of(s).iterator(), List.of(t).iterator(), found::add);
    assertEquals(1, found.size());
    assertEquals(Severity.HIGH, found.get(0).severity());
    assertEquals(
        List.of("a", "b"), found.get(0).fields().stream().map(f -> f.targetPath()).toList());
    assertEquals(s.hashHex(), found.get(0).sourceHash());
  }

  @Test
  void outOfOrderInputIsRejectedNamingSideAndKeys() {
    var source = List.of(source(RecordKey.of("b"), "x"), source(RecordKey.of("a"), "x"));
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new MergeJoin(SPEC)
                    .run(
                        KeyRange.ALL,
                        source.iterator(),
                        List.<CanonicalRecord>of().iterator(),
                        d -> {}));
    assertEquals("source records are not ascending by key: b then a", e.getMessage());
  }

  @Test
  void duplicateTargetKeyIsOneDiscrepancyNamingTheSideAndTheJoinGoesOn() {
    var source = List.of(source(RecordKey.of(5), "x"), source(RecordKey.of(6), "x"));
    var target =
        List.of(
            target(RecordKey.of(5), "x"),
            target(RecordKey.of(5), "y"),
            target(RecordKey.of(6), "z"));
    var found = new ArrayList<Discrepancy>();
    CompareCounts counts =
        new MergeJoin(SPEC).run(KeyRange.ALL, source.iterator(), target.iterator(), found::add);
    assertEquals(2, found.size());
    assertEquals(DiscrepancyKind.DUPLICATE_KEY, found.get(0).kind());
    assertEquals(RecordKey.of(5), found.get(0).key());
    assertEquals("DUPLICATE_KEY: the target holds 2 documents with key 5", found.get(0).detail());
    assertEquals(DiscrepancyKind.MISMATCH, found.get(1).kind());
    assertEquals(RecordKey.of(6), found.get(1).key());
    assertEquals(new CompareCounts(2, 3, 1, 0, 0, 1, 1), counts);
  }

  @Test
  void duplicateSourceKeysAtBothEndsOfTheRangeAreReportedAndNeverAsMissingOrMismatch() {
    var range = new KeyRange(RecordKey.of(1), RecordKey.of(4));
    var source =
        List.of(
            source(RecordKey.of(1), "a"),
            source(RecordKey.of(1), "b"),
            source(RecordKey.of(2), "x"),
            source(RecordKey.of(3), "a"),
            source(RecordKey.of(3), "a"),
            source(RecordKey.of(3), "a"));
    var target = List.of(target(RecordKey.of(2), "x"), target(RecordKey.of(3), "other"));
    var found = new ArrayList<Discrepancy>();
    CompareCounts counts =
        new MergeJoin(SPEC).run(range, source.iterator(), target.iterator(), found::add);
    assertEquals(
        List.of(RecordKey.of(1), RecordKey.of(3)), found.stream().map(Discrepancy::key).toList());
    assertTrue(found.stream().allMatch(d -> d.kind() == DiscrepancyKind.DUPLICATE_KEY));
    assertEquals("DUPLICATE_KEY: the source holds 2 rows with key 1", found.get(0).detail());
    assertEquals("DUPLICATE_KEY: the source holds 3 rows with key 3", found.get(1).detail());
    assertEquals(new CompareCounts(6, 2, 1, 0, 0, 0, 2), counts);
  }

  @Test
  void keyRepeatedOnBothSidesNamesBothSides() {
    var source = List.of(source(RecordKey.of("k"), "a"), source(RecordKey.of("k"), "a"));
    var target = List.of(target(RecordKey.of("k"), "a"), target(RecordKey.of("k"), "a"));
    var found = new ArrayList<Discrepancy>();
    new MergeJoin(SPEC).run(KeyRange.ALL, source.iterator(), target.iterator(), found::add);
    assertEquals(1, found.size());
    assertEquals(
        "DUPLICATE_KEY: the source holds 2 rows and the target holds 2 documents with key k",
        found.get(0).detail());
  }

  @Test
  void keyGoingBackwardsAfterADuplicateIsStillOutOfOrder() {
    var target =
        List.of(
            target(RecordKey.of(5), "x"),
            target(RecordKey.of(5), "x"),
            target(RecordKey.of(4), "x"));
    var e =
        assertThrows(
            OutOfOrderException.class,
            () ->
                new MergeJoin(SPEC)
                    .run(
                        KeyRange.ALL,
                        List.<CanonicalRecord>of().iterator(),
                        target.iterator(),
                        d -> {}));
    assertEquals("target records are not ascending by key: 5 then 4", e.getMessage());
  }

  @Test
  void recordAtTheExclusiveUpperBoundIsRejected() {
    var range = new KeyRange(RecordKey.of(1), RecordKey.of(3));
    var source = List.of(source(RecordKey.of(1), "x"), source(RecordKey.of(3), "x"));
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new MergeJoin(SPEC)
                    .run(range, source.iterator(), List.<CanonicalRecord>of().iterator(), d -> {}));
    assertEquals("source record 3 lies outside range [1, 3)", e.getMessage());
  }

  @Test
  void textKeysInCodePointOrderJoinWithoutFalseMissesWhereUtf16OrderDiffers() {
    // U+FF21 sorts before U+1F600 by code point but after it by UTF-16 code unit.
    var keys = List.of(RecordKey.of("\uFF21"), RecordKey.of("\uD83D\uDE00"));
    var found = new ArrayList<Discrepancy>();
    CompareCounts counts =
        new MergeJoin(SPEC)
            .run(
                KeyRange.ALL,
                keys.stream().map(k -> source(k, "x")).iterator(),
                keys.stream().map(k -> target(k, "x")).iterator(),
                found::add);
    assertEquals(List.of(), found);
    assertEquals(2, counts.compared());
  }

  private static RecordKey key(int kind, Random random) {
    return switch (kind) {
      case 0 -> RecordKey.of(random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100));
      case 1 -> RecordKey.of(text(random));
      case 2 -> RecordKey.of(new UUID(random.nextLong(), random.nextLong()));
      default -> RecordKey.of((long) random.nextInt(4), text(random));
    };
  }

  private static String text(Random random) {
    var sb = new StringBuilder();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = random.nextInt(TRICKY.codePointCount(0, TRICKY.length()));
      sb.appendCodePoint(TRICKY.codePointAt(TRICKY.offsetByCodePoints(0, at)));
    }
    return sb.toString();
  }

  private static CanonicalRecord source(RecordKey key, String value) {
    return CANON.source(key, new Object[] {value});
  }

  private static CanonicalRecord target(RecordKey key, String value) {
    return CANON.target(key, new Document("_id", 1).append("v", value));
  }
}
