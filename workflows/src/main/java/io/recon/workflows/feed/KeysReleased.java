package io.recon.workflows.feed;

/**
 * What a release did.
 *
 * @param reconciled keys the cycle reconciled, now deleted
 * @param waitingAgain keys changed again during the cycle, waiting again
 * @param maxLatencyMillis the largest change-to-verdict latency of the reconciled keys
 * @param keysWaiting keys of the feed waiting after the release
 * @param keysClaimable waiting keys no cycle holds after the release: what a new key-set cycle
 *     would claim
 */
public record KeysReleased(
    long reconciled,
    long waitingAgain,
    long maxLatencyMillis,
    long keysWaiting,
    long keysClaimable) {
  /** As recorded before key-set cycles could overlap. */
  public KeysReleased(long reconciled, long waitingAgain, long maxLatencyMillis, long keysWaiting) {
    this(reconciled, waitingAgain, maxLatencyMillis, keysWaiting, keysWaiting);
  }
}
