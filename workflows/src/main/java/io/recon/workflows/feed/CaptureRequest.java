package io.recon.workflows.feed;

import io.recon.core.spec.JobSpec;
import java.time.Duration;

/**
 * One slice of one side's capture: read for at most {@code maxWait}, and return sooner once {@code
 * maxKeys} keys were stored.
 */
public record CaptureRequest(JobSpec spec, Duration maxWait, int maxKeys) {}
