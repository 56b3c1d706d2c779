package io.recon.workflows.partition;

import io.recon.core.spec.JobSpec;
import io.recon.workflows.cycle.Mode;
import java.time.Instant;

/**
 * The input of one partition child: which range of which cycle to compare. The range's bounds live
 * in the recon store, written by planning, so that no key travels here.
 *
 * @param since for incremental cycles, compare only source rows changed at or after it
 */
public record PartitionRequest(
    JobSpec spec, String cycleId, int rangeIndex, Mode mode, Instant since) {}
