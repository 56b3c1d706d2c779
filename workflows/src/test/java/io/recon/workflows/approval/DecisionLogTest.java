package io.recon.workflows.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.recon.workflows.cycle.Decision;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecisionLogTest {
  private static Decision at(long millis) {
    return new Decision("approve", null, "alice", null, null, 0, null, null, millis);
  }

  @Test
  void keepsOnlyTheMostRecentFiftyOldestFirst() {
    var log = new DecisionLog(List.of());
    IntStream.range(0, 120).forEach(i -> log.record(at(i)));

    List<Decision> recent = log.recent();

    assertEquals(DecisionLog.CAPACITY, recent.size());
    assertEquals(70, recent.get(0).atMillis());
    assertEquals(119, recent.get(49).atMillis());
  }

  @Test
  void startsFromCarriedDecisions() {
    var log = new DecisionLog(List.of(at(1), at(2)));
    log.record(at(3));

    assertEquals(List.of(at(1), at(2), at(3)), log.recent());
  }
}
