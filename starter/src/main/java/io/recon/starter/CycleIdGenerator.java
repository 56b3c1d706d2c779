package io.recon.starter;

import io.recon.workflows.cycle.CycleIds;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Default cycle ids ({@link CycleIds#of(String, Instant, long)}) that a process hands out in
 * strictly increasing order, as ULIDs do: an id asked for in the same millisecond as the previous
 * one, or after the clock stepped back, reuses the previous millisecond with the previous suffix
 * plus one. Across processes the random suffix keeps ids apart and the millisecond orders them.
 */
public final class CycleIdGenerator {
  /** The one every {@link CycleClient} of this process uses, so that their ids never collide. */
  public static final CycleIdGenerator SHARED = new CycleIdGenerator(new SecureRandom());

  private final RandomGenerator random;
  private long lastMillis = Long.MIN_VALUE;
  private long lastSuffix;

  public CycleIdGenerator(RandomGenerator random) {
    this.random = random;
  }

  /** The id of a cycle of {@code specName} started at {@code now}, after every earlier one. */
  public synchronized String next(String specName, Instant now) {
    long millis = now.toEpochMilli();
    if (millis > lastMillis) {
      lastMillis = millis;
      // Half the suffix range, so that many ids in one millisecond cannot run out of it.
      lastSuffix = random.nextLong() & (CycleIds.MAX_RANDOM >>> 1);
    } else if (lastSuffix < CycleIds.MAX_RANDOM) {
      lastSuffix++;
    } else {
      lastMillis++;
      lastSuffix = random.nextLong() & (CycleIds.MAX_RANDOM >>> 1);
    }
    return CycleIds.of(specName, Instant.ofEpochMilli(lastMillis), lastSuffix);
  }
}
