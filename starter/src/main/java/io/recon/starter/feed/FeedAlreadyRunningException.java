package io.recon.starter.feed;

/** A feed of the job already runs: one feed per job. */
public final class FeedAlreadyRunningException extends RuntimeException {
  public FeedAlreadyRunningException(String name) {
    super(
        "feed "
            + name
            + " is already running (workflow "
            + io.recon.workflows.feed.FeedWorkflow.id(name)
            + "); see recon feed status "
            + name);
  }
}
