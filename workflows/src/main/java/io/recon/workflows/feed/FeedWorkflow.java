package io.recon.workflows.feed;

import io.temporal.common.converter.RawValue;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The continuous mode of one job: workflow id {@code recon-feed-<spec name>} ({@link #id}). It
 * reads the source's changes (and the target's, where it has change streams) in slices of {@code
 * feed.window / feed.cycles}, stores the changed keys in the recon store, and reconciles the
 * waiting keys as key-set cycles ({@code ReconciliationWorkflow}, mode KEYS), up to {@code
 * feed.cycles} at once on disjoint keys. It continues as new every {@link
 * FeedWorkflowImpl#SLICES_PER_RUN} slices carrying only cursors and counts.
 */
@WorkflowInterface
public interface FeedWorkflow {
  String TYPE = "FeedWorkflow";
  String STATUS = "status";
  String STOP = "stop";

  /** The workflow id of the feed of spec {@code specName}. */
  static String id(String specName) {
    return "recon-feed-" + specName;
  }

  /**
   * Runs the feed until stopped. The input is the flat start input of a cycle, {@code {"spec": NAME
   * or {...inline spec}, "version": N, "initiator": WHO, "settle": "30s"}} (no {@code mode}: a
   * feed's cycles are key-set cycles), validated here: one that does not parse fails at once with
   * {@code BAD_REQUEST}, an unknown name with {@code UNKNOWN_SPEC}. A capture that cannot go on (no
   * slot, no publication, {@code wal_level} not logical) fails the feed with {@code
   * FEED_UNAVAILABLE} and the reason on one line, recorded in the store and the audit.
   */
  @WorkflowMethod(name = TYPE)
  FeedResult run(RawValue input);

  /** The feed's status ({@link FeedStatus}); a read of fields, cheap to poll. */
  @QueryMethod(name = STATUS)
  FeedStatus status();

  /**
   * Stops the feed: {@code {"by": "alice", "reason": "...", "dropSlot": false}}. The captures stop
   * at the end of their current slice (at most {@code feed.window}), the store and the audit record
   * who stopped it and why, and the slot is dropped only when {@code dropSlot} is true. A key-set
   * cycle in flight runs to its end on its own. A payload without {@code by} is refused, visibly in
   * {@code status}.
   */
  @SignalMethod(name = STOP)
  void stop(RawValue payload);
}
