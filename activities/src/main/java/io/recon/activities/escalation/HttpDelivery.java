package io.recon.activities.escalation;

import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.EscalationOutcome.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Posts one message to one endpoint, retrying only what is known to be transient: a connection that
 * fails or times out, a 5xx answer, 408 and 429 (whose {@code Retry-After} is honoured up to {@link
 * EscalationSettings#maxWait()}). Any other answer (a 4xx, a redirect, which is never followed)
 * fails at once, because posting the same message again would get the same answer. Every wait
 * heartbeats, so a cancelled cycle stops it.
 */
final class HttpDelivery {
  static final String USER_AGENT = "recon-escalation/1";

  private final HttpClient http;
  private final EscalationSettings settings;
  private final Runnable heartbeat;

  HttpDelivery(HttpClient http, EscalationSettings settings, Runnable heartbeat) {
    this.http = http;
    this.settings = settings;
    this.heartbeat = heartbeat;
  }

  /** Posts {@code body}; never throws for anything the endpoint or the network does. */
  Delivery post(String target, URI uri, String eventId, String event, byte[] body) {
    int status = 0;
    String error = null;
    Duration backoff = settings.firstBackoff();
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      heartbeat.run();
      Duration wait = backoff;
      try {
        HttpResponse<Void> response =
            http.send(request(uri, eventId, event, body), HttpResponse.BodyHandlers.discarding());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Delivery(target, EscalationOutcome.SENT, attempt, status, null);
        }
        error = "HTTP " + status + " from " + shown(uri);
        if (!transientStatus(status)) {
          return new Delivery(target, EscalationOutcome.FAILED, attempt, status, error);
        }
        Duration asked = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        if (asked != null) {
          wait = asked;
        }
      } catch (IOException e) {
        status = 0;
        error = e.getClass().getSimpleName() + " posting to " + shown(uri) + oneLine(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery(target, EscalationOutcome.FAILED, attempt, status, "interrupted");
      }
      if (attempt < settings.maxAttempts()) {
        sleep(min(wait, settings.maxWait()));
        backoff = min(backoff.multipliedBy(2), settings.maxWait());
      }
    }
    return new Delivery(
        target,
        EscalationOutcome.FAILED,
        settings.maxAttempts(),
        status,
        error + " (after " + settings.maxAttempts() + " attempts)");
  }

  private HttpRequest request(URI uri, String eventId, String event, byte[] body) {
    String timestamp = Long.toString(Instant.now().getEpochSecond());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header("Idempotency-Key", eventId)
            .header("X-Recon-Event", event)
            .header("X-Recon-Timestamp", timestamp)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.hmacKey() != null) {
      b.header("X-Recon-Signature", Signature.sign(settings.hmacKey(), timestamp, body));
    }
    return b.build();
  }

  static boolean transientStatus(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Waits in slices of a second, heartbeating each, so a cancelled activity stops soon. */
  private void sleep(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Math.min(1_000, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      heartbeat.run();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** The endpoint without its path and query, which may hold a token. */
  static String shown(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "";
    }
    m = m.replaceAll("\\s+", " ").strip();
    return ": " + (m.length() <= 200 ? m : m.substring(0, 199) + "…");
  }
}
