package io.recon.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.cycle.CycleIds;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CycleIdGeneratorTest {
  private static final Instant T = Instant.parse("2026-12-01T12:16:32.123Z");

  @Test
  void thousandIdsInATightLoopAreUniqueAndSortedByGenerationTime() {
    CycleIdGenerator ids = new CycleIdGenerator(new SecureRandom());
    List<String> generated = new ArrayList<>();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Instant now = Instant.now();
      millis.add(now.toEpochMilli());
      generated.add(ids.next("orders", now));
    }
    assertEquals(1000, new HashSet<>(generated).size(), "ids are unique");
    List<String> sorted = new ArrayList<>(generated);
    sorted.sort(null);
    assertEquals(generated, sorted, "lexicographic order is generation order");
    for (int i = 0; i < generated.size(); i++) {
      // The id's millisecond is the generation time's, or a later one if the clock stepped back.
      String asked = stamp(CycleIds.of("orders", Instant.ofEpochMilli(millis.get(i)), 0));
      assertTrue(stamp(generated.get(i)).compareTo(asked) >= 0, generated.get(i));
    }
  }

  // The start part of an id of job "orders": yyyyMMdd'T'HHmmss.SSS'Z'.
  private static String stamp(String id) {
    return id.substring("recon-orders-".length(), "recon-orders-".length() + 20);
  }

  @Test
  void startsInOneMillisecondSortInTheOrderTheyWereAskedFor() {
    CycleIdGenerator ids = new CycleIdGenerator(new SplittableRandom(3));
    String first = ids.next("orders", T);
    String second = ids.next("orders", T);
    String third = ids.next("orders", T);
    assertTrue(first.compareTo(second) < 0 && second.compareTo(third) < 0, first + second + third);
    assertTrue(first.startsWith("recon-orders-20261201T121632.123Z-"), first);
    assertTrue(third.startsWith("recon-orders-20261201T121632.123Z-"), third);
  }

  @Test
  void clockSteppingBackNeverReordersIds() {
    CycleIdGenerator ids = new CycleIdGenerator(new SplittableRandom(5));
    String before = ids.next("orders", T);
    String after = ids.next("orders", T.minusSeconds(3));
    assertTrue(before.compareTo(after) < 0, before + " < " + after);
  }

  @Test
  void freshSuffixLeavesHalfTheRangeForStartsInTheSameMillisecond() {
    // A random source that always draws the largest value: the suffix starts at 2^39 - 1.
    CycleIdGenerator ids = new CycleIdGenerator(new FixedRandom(-1L));
    String previous = ids.next("orders", T);
    assertEquals(CycleIds.of("orders", T, CycleIds.MAX_RANDOM >>> 1), previous);
    assertTrue(ids.next("orders", T).compareTo(previous) > 0);
  }

  @Test
  void laterMillisecondStartsAFreshSuffix() {
    CycleIdGenerator ids = new CycleIdGenerator(new FixedRandom(42));
    assertEquals(CycleIds.of("orders", T, 42), ids.next("orders", T));
    assertEquals(CycleIds.of("orders", T, 43), ids.next("orders", T));
    assertEquals(CycleIds.of("orders", T.plusMillis(1), 42), ids.next("orders", T.plusMillis(1)));
  }

  private record FixedRandom(long value) implements java.util.random.RandomGenerator {
    @Override
    public long nextLong() {
      return value;
    }
  }
}
