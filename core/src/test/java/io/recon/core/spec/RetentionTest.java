package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetentionTest {
  private static final String BODY =
      "name: j\nowner: o\n"
          + "source: {table: t, key: [id]}\n"
          + "target: {database: d, collection: c, key: [_id]}\n"
          + "fields:\n  - {source: a, target: a, type: string}\n";

  @Test
  void yearsAreThreeHundredSixtyFiveDaysAndWeeksSeven() {
    assertEquals(Duration.ofDays(7 * 365), Durations.parse("7y"));
    assertEquals(Duration.ofDays(14), Durations.parse("2w"));
    assertEquals(Duration.ofDays(90), Durations.parse("90d"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"), "existing units unchanged");
    assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
  }

  @Test
  void formatGivesBackTheShortestTextParseReads() {
    for (String text : new String[] {"7y", "90d", "30d", "36h", "5m", "30s", "500ms"}) {
      assertEquals(text, Durations.format(Durations.parse(text)));
    }
    assertEquals("14d", Durations.format(Durations.parse("2w")));
  }

  @Test
  void anAbsurdlyLongWindowIsAnErrorNotAnOverflow() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999y"));
    assertTrue(e.getMessage().contains("too long"), e.getMessage());
  }

  @Test
  void theSpecSectionLoadsItsWindows() {
    JobSpec spec =
        SpecLoader.parse(
            BODY + "retention: {discrepancies: 90d, beforeImages: 30d, audit: 7y}\n", "r.yaml");
    assertEquals(
        new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(2555)),
        spec.retention());
  }

  @Test
  void eachRuleIsReportedAtItsKey() {
    String report = problems("retention: {discrepancies: 90d, beforeImages: 120d, audit: 30d}\n");
    assertTrue(
        report.contains(
            "r.yaml:7:60: retention.audit: must not be shorter than discrepancies (30d < 90d)"),
        report);
    assertTrue(
        report.contains(
            "retention.beforeImages: must not be longer than discrepancies (120d > 90d)"),
        report);
    assertTrue(
        problems("retention: {discrepancies: 90m}\n")
            .contains("retention.discrepancies: must be at least 1d, got 90m"));
    assertTrue(problems("retention: {audit: 7years}\n").contains("retention.audit: '7years'"));
  }

  @Test
  void aSpecWindowFallsBackToTheGlobalOneAndTheCombinationIsChecked() {
    Retention global =
        new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(365));
    Retention own = new Retention(null, null, Duration.ofDays(3650));
    assertEquals(
        new Retention(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(3650)),
        own.over(global));
    Retention longDiscrepancies = new Retention(Duration.ofDays(400), null, null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> longDiscrepancies.over(global));
    assertTrue(e.getMessage().contains("audit must not be shorter"), e.getMessage());
    assertNull(Retention.FOREVER.over(null).audit(), "nothing set anywhere: kept forever");
  }

  private static String problems(String extra) {
    SpecException e =
        assertThrows(SpecException.class, () -> SpecLoader.parse(BODY + extra, "r.yaml"));
    return e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
  }
}
