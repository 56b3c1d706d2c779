package io.recon.workflows.feed;

import io.recon.core.spec.JobSpec;

/**
 * What a feed carries into its next run when it continues as new: the spec it runs and its status
 * (cursors and counts), never a key.
 */
public record FeedState(JobSpec spec, FeedStatus status) {}
