package io.recon.workflows.feed;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The continuous mode's work against the source's replication slot, the target's change stream and
 * the recon store. Only counts, cursors and ids come back; keys stay in the store.
 */
@ActivityInterface
public interface FeedActivities {

  /**
   * Records the feed as RUNNING (audited {@code feed.started} once, whatever the retries) and asks
   * the target whether it has change streams. Returns the stored cursors and counters, so a feed
   * started again resumes where the last one confirmed.
   */
  @ActivityMethod
  FeedOpened openFeed(FeedOpen request);

  /**
   * Reads the source's changes for at most {@code maxWait}, or until {@code maxKeys} keys were
   * stored, and stores the job keys they touch with the confirmed position, in one transaction; the
   * slot is confirmed only after that. Heartbeats while it waits; cancelled at a heartbeat. A slot
   * or publication missing, or a source without {@code wal_level=logical}, fails it with the
   * non-retryable {@code FEED_UNAVAILABLE}; a connection lost is transient.
   */
  @ActivityMethod
  CaptureSlice captureSource(CaptureRequest request);

  /** The same for the target's change stream, resumed from the stored resume token. */
  @ActivityMethod
  CaptureSlice captureTarget(CaptureRequest request);

  /**
   * Claims for a key-set cycle about to start at most {@code max} waiting keys no cycle holds,
   * oldest first, before the cycle is started, so that the feed knows the cycle has work and the
   * next one can start at once without taking the same keys. Idempotent: a cycle that holds keys
   * claims no more. Claims of cycles that are closed, or neither recorded nor in flight, are
   * released first.
   */
  @ActivityMethod
  KeysClaimed claimKeys(ClaimRequest request);

  /**
   * Releases the keys a key-set cycle claimed, whatever its outcome: deleted, except those changed
   * again meanwhile, which wait again. Records each key's change-to-verdict latency. Idempotent.
   * With {@code requeue}, every key the cycle held waits again as it did before the claim.
   */
  @ActivityMethod
  KeysReleased releaseKeys(ReleaseRequest request);

  /**
   * Records the feed as STOPPED or FAILED (audited {@code feed.stopped} once) and, only when asked,
   * drops the source's replication slot. Idempotent.
   */
  @ActivityMethod
  void closeFeed(FeedClose request);
}
