package io.recon.worker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CronPeriodTest {

  @Test
  void periodIsTheCoarsestRestrictedFieldsSpanOverItsValues() {
    assertEquals(1800, CronPeriod.seconds("*/30 * * * *"));
    assertEquals(60, CronPeriod.seconds("* * * * *"));
    assertEquals(300, CronPeriod.seconds("*/5 * * * *"));
    assertEquals(3600, CronPeriod.seconds("0 * * * *"));
    assertEquals(1800, CronPeriod.seconds("0,30 * * * *"));
    assertEquals(21_600, CronPeriod.seconds("0 */6 * * *"));
    assertEquals(86_400, CronPeriod.seconds("15 2 * * *"));
    assertEquals(43_200, CronPeriod.seconds("0 8,20 * * *"));
    assertEquals(604_800, CronPeriod.seconds("0 3 * * 0"));
    assertEquals(604_800 / 5, CronPeriod.seconds("0 9 * * 1-5"));
    assertEquals(2_592_000, CronPeriod.seconds("0 0 1 * *"));
    assertEquals(31_536_000 / 4, CronPeriod.seconds("0 0 1 1,4,7,10 *"));
  }

  @Test
  void irregularSchedulesLeanToTheLongestGap() {
    // Runs at 9:15 and 9:45: the gap that matters for "no success within two periods" is a day.
    assertEquals(86_400, CronPeriod.seconds("15,45 9 * * *"));
  }

  @Test
  void unscheduledOrUnreadableIsZero() {
    assertEquals(0, CronPeriod.seconds(null));
    assertEquals(0, CronPeriod.seconds(" "));
    assertEquals(0, CronPeriod.seconds("* * * *"));
    assertEquals(0, CronPeriod.seconds("0 0 L * *"));
    assertEquals(0, CronPeriod.seconds("0 9 * * MON-FRI"));
    assertEquals(0, CronPeriod.seconds("*/0 * * * *"));
  }

  @Test
  void namedSingleValuesCountAsOne() {
    assertEquals(604_800, CronPeriod.seconds("0 3 * * SUN"));
  }
}
