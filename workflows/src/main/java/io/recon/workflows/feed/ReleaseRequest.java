package io.recon.workflows.feed;

/** Input of {@link FeedActivities#releaseKeys}: the feed (the spec's name) and the cycle. */
public record ReleaseRequest(String feed, String cycleId) {}
