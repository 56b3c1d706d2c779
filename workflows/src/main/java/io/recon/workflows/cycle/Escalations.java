package io.recon.workflows.cycle;

import io.recon.core.spec.Escalation;
import io.recon.workflows.activities.DriftFound;
import io.recon.workflows.activities.DriftQuery;
import io.recon.workflows.activities.EscalationActivities;
import io.recon.workflows.activities.EscalationEvent;
import io.recon.workflows.activities.EscalationKind;
import io.recon.workflows.activities.EscalationOutcome;
import io.recon.workflows.failure.FailureReason;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The moments of a cycle that need a human, posted to the spec's {@code escalation:} endpoints
 * through {@link EscalationActivities}. Workflow code: deterministic, all I/O in the activity.
 *
 * <p>A spec without {@code escalation:} posts nothing and records nothing, and its history is what
 * it was before escalation existed. With one, every post is behind the version marker {@link
 * #CHANGE_ID}, so a cycle that started on a worker without escalation replays as it ran. A post
 * never fails the cycle: the activity reports an unreachable endpoint as an outcome, and a failure
 * of the activity itself (a store that cannot record it, every attempt lost) is logged and passed
 * over.
 *
 * <p>A post runs beside the cycle ({@code Async}), so an endpoint that is slow or retried never
 * holds up a decision, a repair or the close; {@link #awaitPosts} lets the posts finish before the
 * run ends (completes, fails or continues as new), because a run's open activities end with it.
 */
final class Escalations {
  static final String CHANGE_ID = "escalation";
  private static final Logger log = Workflow.getLogger(Escalations.class);

  private final EscalationActivities activities =
      Workflow.newActivityStub(EscalationActivities.class, CycleOptions.escalation());
  private final CycleTracker cycle;
  // The posts still running; each absorbs its own failure, so waiting on them never throws.
  private final List<Promise<Void>> posting = new ArrayList<>();

  Escalations(CycleTracker cycle) {
    this.cycle = cycle;
  }

  void approvalWaiting() {
    RepairCounts r = cycle.repairs();
    post(
        EscalationKind.APPROVAL_WAITING,
        r.pendingApproval()
            + " repairs wait for approval by "
            + cycle.spec().approvers()
            + " until "
            + Instant.ofEpochMilli(cycle.approvalDeadlineMillis()),
        counts(
            "pendingApproval", r.pendingApproval(),
            "repaired", r.repaired(),
            "discrepancies", cycle.counts().discrepancies(),
            "compared", cycle.counts().volumes().compared()),
        null,
        null);
  }

  void approvalExpired(long expired) {
    post(
        EscalationKind.APPROVAL_EXPIRED,
        expired
            + " held repairs expired after "
            + cycle.spec().repair().approvalTimeout()
            + " without a decision; escalated to owner "
            + cycle.spec().owner(),
        counts(
            "expired", expired,
            "repaired", cycle.repairs().repaired(),
            "rejected", cycle.repairs().rejected(),
            "discrepancies", cycle.counts().discrepancies()),
        null,
        null);
  }

  void gateTripped(Gate gate) {
    post(
        EscalationKind.GATE_TRIPPED,
        gate.describe() + "; nothing is repaired without an approval",
        counts(
            "ratioPpm", Math.round(gate.ratio() * 1_000_000),
            "thresholdPpm", Math.round(gate.threshold() * 1_000_000),
            "repairs", gate.repairs(),
            "maxRepairs", gate.maxRepairs()),
        null,
        null);
  }

  void cycleFailed(FailureReason reason, String line) {
    post(
        EscalationKind.CYCLE_FAILED,
        line,
        counts(
            "rangesDone", cycle.rangesDone(),
            "rangesTotal", cycle.rangesTotal(),
            "discrepancies", cycle.counts().discrepancies(),
            "compared", cycle.counts().volumes().compared()),
        reason.type(),
        reason.message());
  }

  /** Looks for drift older than the spec's threshold, and posts it when there is some. */
  void persistentDrift() {
    Escalation escalation = cycle.spec().escalation();
    // Without a persistent discrepancy in this cycle nothing can have stayed open.
    if (cycle.counts().discrepancies() == 0 || !enabled()) {
      return;
    }
    DriftFound drift;
    try {
      drift =
          activities.findPersistentDrift(
              new DriftQuery(cycle.spec(), cycle.cycleId(), escalation.driftAfter()));
    } catch (ActivityFailure e) {
      log.warn("cycle {}: persistent drift could not be read: {}", cycle.cycleId(), e.toString());
      return;
    }
    if (drift == null || drift.open() == 0) {
      return;
    }
    post(
        EscalationKind.DRIFT_PERSISTENT,
        drift.open()
            + " discrepancies still open, the oldest first seen at "
            + drift.oldestSince()
            + ", longer than escalation.driftAfter "
            + escalation.driftAfter(),
        counts(
            "open", drift.open(),
            "olderThanSeconds", escalation.driftAfter().toSeconds(),
            "oldestSinceEpochSeconds", drift.oldestSince().getEpochSecond(),
            "discrepancies", cycle.counts().discrepancies()),
        null,
        null);
  }

  /**
   * Whether this cycle escalates: its spec names an endpoint, and the cycle runs code that knows
   * escalation (the version marker). Asked only with an endpoint, so specs without one keep their
   * histories exactly as before.
   */
  private boolean enabled() {
    return cycle.spec().escalation() != null
        && Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }

  private void post(
      EscalationKind kind,
      String summary,
      Map<String, Long> counts,
      String failureType,
      String reason) {
    if (!enabled()) {
      return;
    }
    EscalationEvent event =
        new EscalationEvent(
            cycle.spec(),
            cycle.cycleId(),
            EscalationEvent.eventId(cycle.cycleId(), kind),
            kind,
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            summary,
            counts,
            failureType,
            reason);
    Promise<EscalationOutcome> post = Async.function(activities::deliver, event);
    posting.add(
        post.handle(
            (outcome, failure) -> {
              if (failure != null) {
                log.warn("cycle {}: {} could not be posted: {}", cycle.cycleId(), kind, failure);
              } else if (outcome != null && !outcome.delivered()) {
                log.warn("cycle {}: {} not delivered: {}", cycle.cycleId(), kind, outcome);
              }
              return null;
            }));
  }

  /** Waits until every post of this run has its outcome; none of them can fail the cycle. */
  void awaitPosts() {
    for (Promise<Void> p : posting) {
      p.get();
    }
    posting.clear();
  }

  private static Map<String, Long> counts(Object... namesAndValues) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).longValue());
    }
    return m;
  }
}
