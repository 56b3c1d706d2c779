package io.recon.workflows.partition;

import io.recon.workflows.cycle.Counts;

/** Counts of one compared and rechecked range; never records. */
public record PartitionResult(int rangeIndex, Counts counts) {}
