package io.recon.workflows.feed;

/**
 * What a claim did. Nothing is claimed while a full or incremental cycle of the job is open (a
 * key-set cycle would be refused), or while the job's open key-set cycles, the feed's own in flight
 * and those it does not follow, already reach the limit.
 *
 * @param claimed keys the cycle holds now (zero: no cycle should start)
 * @param keysClaimable waiting keys no cycle holds after the claim
 * @param openCycle the open full or incremental cycle of the job that kept the claim from
 *     happening, or null
 * @param otherKeySetCycles open key-set cycles of the job that are not among the feed's in flight
 *     (carried over a continue-as-new, say)
 */
public record KeysClaimed(
    long claimed, long keysClaimable, String openCycle, long otherKeySetCycles) {}
