package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.recon.workflows.testing.TestSpecs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncrementalTest {
  private static final Instant SINCE = Instant.parse("2026-02-01T00:00:00Z");

  @Test
  void onlyAnIncrementalCycleOfASpecWithoutUpdatedAtIsRefused() {
    var without = TestSpecs.job(2, 1, Duration.ZERO, null);
    var with = TestSpecs.job(2, 1, Duration.ZERO);
    assertEquals(
        "spec '" + without.name() + "' has no source.updatedAt, so it cannot run incrementally",
        Incremental.refusal(without, Mode.INCREMENTAL));
    assertNull(Incremental.refusal(without, Mode.FULL));
    assertNull(Incremental.refusal(with, Mode.INCREMENTAL));
    assertNull(Incremental.refusal(with, Mode.FULL));
  }

  @Test
  void onlyAnIncrementalCycleWithALowerBoundReadsChangedRows() {
    assertEquals(SINCE, Incremental.since(Mode.INCREMENTAL, SINCE));
    assertNull(Incremental.since(Mode.INCREMENTAL, null), "the first incremental cycle reads all");
    assertNull(Incremental.since(Mode.FULL, SINCE), "a full cycle reads all, whatever it is given");
  }
}
