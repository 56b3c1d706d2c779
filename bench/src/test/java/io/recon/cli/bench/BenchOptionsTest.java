package io.recon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  private static BenchOptions withWorkers(int workers) {
    return new BenchOptions(
        1000,
        0.01,
        16,
        4,
        "256m",
        List.of(),
        true,
        false,
        Duration.ofMinutes(60),
        workers,
        true,
        0);
  }

  @Test
  void scaleOutTakesOneToEightWorkersAndNamesTheFlagOtherwise() {
    assertEquals(3, withWorkers(3).workers());
    assertEquals(1, withWorkers(1).workers());
    var e = assertThrows(IllegalArgumentException.class, () -> withWorkers(0));
    assertEquals("--workers must be in [1, 8], not 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> withWorkers(9));
  }
}
