package io.recon.workflows.activities;

import java.time.Instant;

/**
 * The result of planning: how many ranges were stored for the cycle, and the watermark the cycle
 * moves the job to when it completes (the source's clock when planning read it).
 */
public record RangePlan(int ranges, long estimatedSourceRows, Instant watermarkTo) {}
