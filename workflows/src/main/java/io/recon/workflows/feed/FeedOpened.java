package io.recon.workflows.feed;

/**
 * What {@link FeedActivities#openFeed} found.
 *
 * @param targetUnsupported null when the target has change streams; otherwise why not, in one line
 * @param sourceCursor the source position confirmed by an earlier run, or null
 * @param targetCursor the target's stored resume token, or null
 * @param keysWaiting keys waiting in the store (an earlier run's, for example)
 */
public record FeedOpened(
    String targetUnsupported, String sourceCursor, String targetCursor, long keysWaiting) {}
