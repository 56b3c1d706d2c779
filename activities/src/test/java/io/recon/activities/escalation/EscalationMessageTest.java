package io.recon.activities.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recon.workflows.activities.EscalationKind;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** The pure parts of a delivery: what is retried, how long to wait, and what is shown. */
class EscalationMessageTest {
  @Test
  void onlyServerErrorsTimeoutsAndThrottlingAreTransient() {
    for (int s : new int[] {500, 502, 503, 504, 408, 429}) {
      assertTrue(HttpDelivery.transientStatus(s), "retried: " + s);
    }
    for (int s : new int[] {301, 302, 400, 401, 403, 404, 410, 422}) {
      assertFalse(HttpDelivery.transientStatus(s), "not retried: " + s);
    }
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertEquals(Duration.ofSeconds(120), HttpDelivery.retryAfter(" 120 "));
    assertNull(HttpDelivery.retryAfter("-5"));
    assertNull(HttpDelivery.retryAfter("soon"));
    assertNull(HttpDelivery.retryAfter(null));
    String inAMinute =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
    Duration d = HttpDelivery.retryAfter(inAMinute);
    assertTrue(d.compareTo(Duration.ofSeconds(61)) <= 0 && !d.isNegative(), d.toString());
    assertEquals(Duration.ZERO, HttpDelivery.retryAfter("Thu, 01 Jan 2015 00:00:00 GMT"));
  }

  @Test
  void anEndpointIsShownWithoutItsPathOrQuery() {
    assertEquals(
        "https://hooks.example:8443",
        HttpDelivery.shown(URI.create("https://hooks.example:8443/T0/B1/secret?token=x")));
    assertEquals("http://am.example", HttpDelivery.shown(URI.create("http://am.example/")));
  }

  @Test
  void commandsAreShellQuotedAndAlertsNamedByEvent() {
    assertEquals("recon-orders-1", EscalationMessage.quote("recon-orders-1"));
    assertEquals("'it'\\''s; rm -rf /'", EscalationMessage.quote("it's; rm -rf /"));
    assertEquals(
        "ReconApprovalWaiting", EscalationMessage.alertName(EscalationKind.APPROVAL_WAITING));
    assertEquals(
        "ReconDriftPersistent", EscalationMessage.alertName(EscalationKind.DRIFT_PERSISTENT));
    assertEquals(
        URI.create("http://am:9093/api/v2/alerts"),
        EscalationActivitiesImpl.alertsApi("http://am:9093//"));
  }

  @Test
  void theKeyIsNeverShown() {
    EscalationSettings s =
        new EscalationSettings(
            "hunter2".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "http://ui/",
            "default",
            Duration.ofSeconds(1),
            1,
            Duration.ZERO,
            Duration.ZERO);
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertEquals("http://ui", s.temporalUiUrl());
  }

  @Test
  void theUiLinkNeverCarriesCredentials() {
    assertEquals("https://ui.example:8233/temporal", ui("https://op:pw@ui.example:8233/temporal/"));
    assertEquals(null, ui("ui.example:8233"));
    assertEquals(null, ui("  "));
  }

  private static String ui(String url) {
    return new EscalationSettings(
            null, url, "default", Duration.ofSeconds(1), 1, Duration.ZERO, Duration.ZERO)
        .temporalUiUrl();
  }
}
