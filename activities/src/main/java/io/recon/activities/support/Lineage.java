package io.recon.activities.support;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.lang.management.ManagementFactory;

/**
 * Who wrote a row: the workflow and run of the calling activity, and this worker process. The SDK
 * does not expose the worker's identity to activities, so the identity is its default, pid@host.
 */
public record Lineage(String workflowId, String runId, String workerIdentity) {
  private static final String IDENTITY = ManagementFactory.getRuntimeMXBean().getName();

  /** The lineage of the running activity. */
  public static Lineage current() {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    return new Lineage(info.getWorkflowId(), info.getRunId(), IDENTITY);
  }

  /** This worker process's identity. */
  public static String processIdentity() {
    return IDENTITY;
  }
}
