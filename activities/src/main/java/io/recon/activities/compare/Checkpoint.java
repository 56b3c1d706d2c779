package io.recon.activities.compare;

import io.recon.core.compare.EncodedKey;
import io.recon.workflows.cycle.DetectedCounts;

/**
 * The heartbeat of a range comparison: every key below {@code next} is compared and its
 * discrepancies are stored, with {@code counts} so far. A retry resumes at {@code next} with these
 * counts, so nothing is lost or counted twice. A few hundred bytes, whatever the range's size.
 */
public record Checkpoint(EncodedKey next, DetectedCounts counts) {}
