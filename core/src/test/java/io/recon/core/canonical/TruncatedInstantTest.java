package io.recon.core.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link TimeValues#truncated} is {@link Instant#truncatedTo}, instant for instant. */
class TruncatedInstantTest {
  private static final ChronoUnit[] UNITS = {
    ChronoUnit.NANOS,
    ChronoUnit.MICROS,
    ChronoUnit.MILLIS,
    ChronoUnit.SECONDS,
    ChronoUnit.MINUTES,
    ChronoUnit.HOURS,
    ChronoUnit.DAYS
  };

  private static void same(Instant instant) {
    for (ChronoUnit unit : UNITS) {
      assertEquals(
          instant.truncatedTo(unit), TimeValues.truncated(instant, unit), instant + " " + unit);
    }
  }

  @Example
  void edgesTruncateAsInstantDoes() {
    same(Instant.EPOCH);
    same(Instant.ofEpochSecond(-1, 999_999_999));
    same(Instant.ofEpochSecond(-1, 1));
    same(Instant.ofEpochSecond(-86_401, 500_000_001));
    same(Instant.ofEpochSecond(946_684_800, 1_000));
    same(Instant.parse("1969-12-31T23:59:59.999999Z"));
    same(Instant.parse("-4712-01-01T00:00:00.123456Z"));
    same(Instant.parse("+294276-12-31T23:59:59.999999Z"));
    same(Instant.MIN);
    same(Instant.MAX.minusSeconds(86_400));
  }

  @Property(tries = 2_000)
  void anyInstantTruncatesAsInstantDoes(
      @ForAll @LongRange(min = -62_135_596_800L * 4, max = 9_224_286_336L * 3) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    same(Instant.ofEpochSecond(seconds, nanos));
  }
}
