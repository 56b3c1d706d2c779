package io.recon.workflows.activities;

import java.time.Instant;

/** The job's state when a cycle opens: its last successful watermark, or null if none. */
public record CycleOpened(Instant watermark) {}
