package io.recon.workflows.feed;

import java.util.List;

/**
 * Input of {@link FeedActivities#claimKeys}: the feed (the spec's name), the key-set cycle about to
 * start, how many waiting keys it may take, the feed's cycles in flight (whose claims are never
 * taken for stale, even before their cycle is recorded in the store), and how many key-set cycles
 * of the job may be open at once ({@code feed.cycles}).
 */
public record ClaimRequest(
    String feed, String cycleId, int max, List<String> inFlight, int cyclesLimit) {
  public ClaimRequest {
    inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
  }
}
