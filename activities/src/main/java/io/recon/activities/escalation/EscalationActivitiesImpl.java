package io.recon.activities.escalation;

import io.recon.core.spec.Escalation;
import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.DriftQuery;
import io.recon.workflows.activities.EscalationActivities;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.activities.EscalationOutcome.Delivery;
import io.temporal.activity.Activity;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EscalationActivities} over HTTP, with its outcomes in the recon store. */
public final class EscalationActivitiesImpl implements EscalationActivities {
  static final String WEBHOOK = "webhook";
  static final String ALERTMANAGER = "alertmanager";
  private static final Logger log = LoggerFactory.getLogger(EscalationActivitiesImpl.class);

  private final DeliveryLedger ledger;
  private final EscalationSettings settings;
  private final HttpClient http;

  public EscalationActivitiesImpl(DataSource store, EscalationSettings settings) {
    this(store, settings, Clock.systemUTC());
  }

  EscalationActivitiesImpl(DataSource store, EscalationSettings settings, Clock clock) {
    this(new DeliveryLedger(store, clock), settings);
  }

  private EscalationActivitiesImpl(DeliveryLedger ledger, EscalationSettings settings) {
    this.ledger = ledger;
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The same activities with other settings, e.g. retries in milliseconds for a test. */
  public EscalationActivitiesImpl withSettings(EscalationSettings other) {
    return new EscalationActivitiesImpl(ledger, other);
  }

  @Override
  public EscalationOutcome deliver(EscalationEvent event) {
    Escalation escalation = event.spec().escalation();
    List<Delivery> deliveries = new ArrayList<>(2);
    if (escalation == null) {
      return new EscalationOutcome(event.eventId(), deliveries);
    }
    HttpDelivery poster = new HttpDelivery(http, settings, EscalationActivitiesImpl::heartbeat);
    if (escalation.webhook() != null) {
      deliveries.add(
          deliverOnce(
              poster,
              event,
              WEBHOOK,
              escalation.webhook(),
              EscalationMessage.webhook(event, settings)));
    }
    if (escalation.alertmanager() != null) {
      deliveries.add(
          deliverOnce(
              poster,
              event,
              ALERTMANAGER,
              alertsApi(escalation.alertmanager()).toString(),
              EscalationMessage.alertmanager(event, settings)));
    }
    return new EscalationOutcome(event.eventId(), deliveries);
  }

  @Override
  public DriftFound findPersistentDrift(DriftQuery query) {
    return ledger.drift(query.cycleId(), query.olderThan());
  }

  private Delivery deliverOnce(
      HttpDelivery poster, EscalationEvent event, String target, String url, byte[] body) {
    if (ledger.sent(event.eventId(), target)) {
      return new Delivery(target, EscalationOutcome.ALREADY_SENT, 0, 0, null);
    }
    Delivery d;
    try {
      d = poster.post(target, URI.create(url), event.eventId(), event.kind().text(), body);
    } catch (IllegalArgumentException e) {
      // The spec checks make this unreachable for a spec they passed; a bad URL is an outcome all
      // the same, never a failure that the cycle would retry.
      d =
          new Delivery(
              target,
              EscalationOutcome.FAILED,
              0,
              0,
              "not a usable URL: " + e.getClass().getSimpleName());
    }
    if (!EscalationOutcome.SENT.equals(d.outcome())) {
      log.warn("escalation {} to {} failed: {}", event.eventId(), target, d.error());
    }
    ledger.record(event, d);
    return d;
  }

  /** Alertmanager's v2 alerts endpoint under {@code base}, whatever its trailing slashes. */
  static URI alertsApi(String base) {
    return URI.create(base.replaceAll("/+$", "") + "/api/v2/alerts");
  }

  // Outside an activity (a direct call in a test) there is nothing to heartbeat to.
  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInAnActivity) {
      // Nothing to report liveness to.
    }
  }
}
