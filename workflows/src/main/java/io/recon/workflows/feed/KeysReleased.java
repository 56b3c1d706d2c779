package io.recon.workflows.feed;

/**
 * What a release did.
 *
 * @param reconciled keys the cycle reconciled, now deleted
 * @param waitingAgain keys changed again during the cycle, waiting again
 * @param maxLatencyMillis the largest change-to-verdict latency of the reconciled keys
 * @param keysWaiting keys of the feed waiting after the release
 */
public record KeysReleased(
    long reconciled, long waitingAgain, long maxLatencyMillis, long keysWaiting) {}
