package io.recon.workflows.partition;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Compares one half-open key range of a cycle: streams both sides through the merge-join, waits
 * {@code settle} on a durable timer when anything differed, then rechecks exactly those keys so
 * that in-flight writes come out {@code TRANSIENT} rather than as drift.
 */
@WorkflowInterface
public interface PartitionWorkflow {
  String TYPE = "PartitionWorkflow";

  @WorkflowMethod(name = TYPE)
  PartitionResult compare(PartitionRequest request);
}
