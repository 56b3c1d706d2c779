package io.recon.worker.metrics;

import java.time.Instant;

/**
 * What the recon store says about one spec, for its gauges.
 *
 * @param pendingApprovals discrepancies waiting for an approver
 * @param oldestPendingSince when the longest-waiting of them was routed; null if none
 * @param oldestUnresolvedSince first sighting of the oldest discrepancy that is still drift; null
 *     if none
 * @param lastSuccess when the last COMPLETED cycle finished, or, before any did, when the first
 *     cycle started, so that a spec that never succeeds still alerts; null before any cycle
 * @param divergenceRatio persistent discrepancies over records compared, in the last cycle that
 *     reached a verdict
 */
record SpecSnapshot(
    long pendingApprovals,
    Instant oldestPendingSince,
    Instant oldestUnresolvedSince,
    Instant lastSuccess,
    double divergenceRatio) {}
