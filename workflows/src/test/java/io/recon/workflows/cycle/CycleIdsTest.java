package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CycleIdsTest {
  private static final Instant T = Instant.parse("2026-12-01T12:16:32.123Z");

  @Test
  void idCarriesTheStartToTheMillisecondAndEightBase32Characters() {
    assertEquals("recon-orders-20261201T121632.123Z-00000000", CycleIds.of("orders", T, 0));
    assertEquals("recon-orders-20261201T121632.123Z-0000000z", CycleIds.of("orders", T, 31));
    assertEquals(
        "recon-orders-20261201T121632.123Z-zzzzzzzz",
        CycleIds.of("orders", T, CycleIds.MAX_RANDOM));
  }

  @Test
  void onlyTheLowFortyBitsOfTheRandomValueCount() {
    assertEquals(CycleIds.of("orders", T, 5), CycleIds.of("orders", T, (1L << 40) | 5));
    assertEquals(CycleIds.of("orders", T, CycleIds.MAX_RANDOM), CycleIds.of("orders", T, -1L));
  }

  @Test
  void idIsSafeForAShell() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      String id = CycleIds.of("customer-profiles", T.plusMillis(i), random.nextLong());
      assertEquals(id, CycleIds.requireSafe(id));
    }
  }

  @Test
  void suffixesSortAsTheNumbersTheyEncode() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      long a = random.nextLong() & CycleIds.MAX_RANDOM;
      long b = random.nextLong() & CycleIds.MAX_RANDOM;
      int byId = Integer.signum(CycleIds.of("j", T, a).compareTo(CycleIds.of("j", T, b)));
      assertEquals(Long.signum(Long.compare(a, b)), byId, a + " against " + b);
    }
  }

  @Test
  void independentIdsAreUniqueAndSortByStartAtMillisecondResolution() {
    // Each id drawn as a separate process would draw it: no shared state, only a random suffix.
    SecureRandom random = new SecureRandom();
    List<String> ids = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Instant start = Instant.now();
      starts.add(start);
      ids.add(CycleIds.of("orders", start, random.nextLong()));
    }
    assertEquals(1000, new HashSet<>(ids).size(), "ids are unique");
    for (int i = 1; i < ids.size(); i++) {
      long earlier = starts.get(i - 1).toEpochMilli();
      long later = starts.get(i).toEpochMilli();
      if (later > earlier) {
        assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " < " + ids.get(i));
      }
    }
  }

  @Test
  void laterMillisecondSortsAfterWhateverTheSuffix() {
    assertTrue(
        CycleIds.of("orders", T, CycleIds.MAX_RANDOM)
                .compareTo(CycleIds.of("orders", T.plusMillis(1), 0))
            < 0);
    assertNotEquals(CycleIds.of("orders", T, 1), CycleIds.of("orders", T, 2));
  }

  @Test
  void oldFormatStaysAValidId() {
    assertEquals("recon-orders-20261201T121632Z", CycleIds.ofSecond("orders", T));
    assertEquals(
        "recon-orders-20261201T121632Z", CycleIds.requireSafe("recon-orders-20261201T121632Z"));
  }
}
