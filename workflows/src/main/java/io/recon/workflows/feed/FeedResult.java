package io.recon.workflows.feed;

/** How a feed ended: its last status, STOPPED. A failed feed fails its workflow instead. */
public record FeedResult(FeedStatus status) {}
