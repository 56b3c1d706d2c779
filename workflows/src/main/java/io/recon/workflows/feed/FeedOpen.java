package io.recon.workflows.feed;

import io.recon.core.spec.JobSpec;

/**
 * Input of {@link FeedActivities#openFeed}.
 *
 * @param specVersion the registry version the feed runs, or null for an inline spec
 * @param startedBy who started the feed
 * @param workflowId the feed's workflow id
 */
public record FeedOpen(JobSpec spec, Integer specVersion, String startedBy, String workflowId) {}
