package io.recon.workflows.feed;

/**
 * Input of {@link FeedActivities#releaseKeys}: the feed (the spec's name), the cycle, and whether
 * its keys go back to waiting as they were instead of counting as reconciled (a cycle refused
 * before it compared anything).
 */
public record ReleaseRequest(String feed, String cycleId, boolean requeue) {
  /** A release of a cycle that ran: as recorded before claims could be given back. */
  public ReleaseRequest(String feed, String cycleId) {
    this(feed, cycleId, false);
  }
}
