package io.recon.workflows.testing;

import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.DriftQuery;
import io.recon.workflows.activities.EscalationActivities;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationOutcome;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The escalation side, in memory: it records every event delivered, answers drift queries with a
 * set value, and can be made to fail every delivery as a store that cannot record it would.
 */
public final class FakeEscalation implements EscalationActivities {
  public final List<EscalationEvent> delivered = new ArrayList<>();
  public final List<DriftQuery> driftQueries = new ArrayList<>();
  public volatile DriftFound drift = DriftFound.NONE;
  public volatile boolean failing;
  // When set, every delivery waits for it: an endpoint that is slow to answer.
  public volatile CountDownLatch slow;

  @Override
  public EscalationOutcome deliver(EscalationEvent event) {
    synchronized (this) {
      delivered.add(event);
    }
    CountDownLatch wait = slow;
    if (wait != null) {
      try {
        wait.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failing) {
      throw ApplicationFailure.newNonRetryableFailure("the store is gone", "UNEXPECTED");
    }
    return new EscalationOutcome(
        event.eventId(),
        List.of(new EscalationOutcome.Delivery("webhook", EscalationOutcome.SENT, 1, 200, null)));
  }

  @Override
  public synchronized DriftFound findPersistentDrift(DriftQuery query) {
    driftQueries.add(query);
    return drift;
  }

  public synchronized List<String> kinds() {
    return delivered.stream().map(e -> e.kind().text()).toList();
  }
}
