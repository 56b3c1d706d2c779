package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DivergenceTest {
  @Test
  void plantsTheRequestedShareSpreadOverEveryKind() {
    Map<Divergence, Long> counts = new EnumMap<>(Divergence.class);
    int n = 200_000;
    for (long g = 1; g <= n; g++) {
      counts.merge(Divergence.of(g, 0.01), 1L, Long::sum);
    }
    long diverged = n - counts.get(Divergence.NONE);
    assertEquals(0.01, diverged / (double) n, 0.001);
    for (Divergence d : Divergence.values()) {
      assertTrue(counts.getOrDefault(d, 0L) > 0, d + " is planted");
    }
  }

  @Test
  void plantedCountsLikeACycleCountsKindsAndSeverities() {
    Map<Divergence, Long> byKind = new EnumMap<>(Divergence.class);
    byKind.put(Divergence.MISSING, 1L);
    byKind.put(Divergence.ORPHAN, 2L);
    byKind.put(Divergence.NAME, 3L);
    byKind.put(Divergence.ACTIVE, 4L);
    byKind.put(Divergence.TAGS, 5L);
    byKind.put(Divergence.AMOUNT, 6L);
    assertEquals(new Planted(1, 2, 18, 7, 5, 9), Planted.of(byKind));
  }

  @Test
  void zeroRatePlantsNothing() {
    for (long g = 1; g <= 10_000; g++) {
      assertEquals(Divergence.NONE, Divergence.of(g, 0));
    }
  }
}
