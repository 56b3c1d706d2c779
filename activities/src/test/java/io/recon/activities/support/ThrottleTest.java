package io.recon.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  @Test
  void aLongWaitIsSlicedSoTheActivityKeepsHeartbeating() {
    AtomicInteger keepAlives = new AtomicInteger();
    Throttle.of(1000).acquire(2500, keepAlives::incrementAndGet);
    assertEquals(3, keepAlives.get()); // slices of 1000, 1000 and 500 permits
  }

  @Test
  void noCapNeverWaitsNorBeats() {
    AtomicInteger keepAlives = new AtomicInteger();
    Throttle.of(0).acquire(1_000_000, keepAlives::incrementAndGet);
    assertEquals(0, keepAlives.get());
  }
}
