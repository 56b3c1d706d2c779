package io.recon.activities.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RangePlannerTest {
  @Test
  void anIncrementalCyclePlansNoRangeOfLessThanOnePageOfChangedRows() {
    assertEquals(1, RangePlanner.partitions(16, 0, true));
    assertEquals(1, RangePlanner.partitions(16, 2_000, true));
    assertEquals(1, RangePlanner.partitions(16, 5_000, true));
    assertEquals(2, RangePlanner.partitions(16, 5_001, true));
    assertEquals(2, RangePlanner.partitions(16, 10_000, true));
    assertEquals(16, RangePlanner.partitions(16, 1_000_000, true));
    assertEquals(4, RangePlanner.partitions(4, 1_000_000, true));
  }

  @Test
  void aFullCycleKeepsTheSpecsPartitionsWhateverItsSize() {
    assertEquals(16, RangePlanner.partitions(16, 100, false));
    assertEquals(16, RangePlanner.partitions(16, 0, false));
    assertEquals(1, RangePlanner.partitions(1, 1_000_000, false));
  }
}
