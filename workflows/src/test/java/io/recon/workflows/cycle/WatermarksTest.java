package io.recon.workflows.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WatermarksTest {
  private static final Instant WATERMARK = Instant.parse("2026-02-01T00:00:00Z");

  @Test
  void incrementalComparesFromFiveMinutesBeforeTheWatermark() {
    assertEquals(
        Instant.parse("2026-01-31T23:55:00Z"), Watermarks.since(Mode.INCREMENTAL, WATERMARK));
  }

  @Test
  void fullCycleComparesEverything() {
    assertNull(Watermarks.since(Mode.FULL, WATERMARK));
  }

  @Test
  void firstIncrementalCycleComparesEverything() {
    assertNull(Watermarks.since(Mode.INCREMENTAL, null));
  }
}
