package io.recon.workflows.feed;

import io.recon.core.spec.JobSpec;

/**
 * Input of {@link FeedActivities#closeFeed}.
 *
 * @param status {@code STOPPED} or {@code FAILED}
 * @param by who stopped it ({@code recon} for a failure)
 * @param reason why it was stopped, or null
 * @param error the failure's one line, or null
 * @param dropSlot whether to drop the source's replication slot
 */
public record FeedClose(
    JobSpec spec, String status, String by, String reason, String error, boolean dropSlot) {}
