package io.recon.workflows.cycle;

import io.recon.workflows.partition.PartitionResult;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.function.IntFunction;

/**
 * At most {@code size} partition children in flight. Results are taken in the order the children
 * finished, which replay reproduces exactly.
 */
final class PartitionWindow {
  private final int size;
  private final IntFunction<Promise<PartitionResult>> starter;
  private final ArrayDeque<Finished> finished = new ArrayDeque<>();
  private int inFlight;

  private record Finished(PartitionResult result, RuntimeException failure) {}

  /**
   * @param starter starts the child of one range index and returns its result
   */
  PartitionWindow(int size, IntFunction<Promise<PartitionResult>> starter) {
    this.size = size;
    this.starter = starter;
  }

  boolean hasRoom() {
    return inFlight < size;
  }

  int inFlight() {
    return inFlight;
  }

  /** Starts the child of {@code rangeIndex}; the caller checks {@link #hasRoom()} first. */
  void start(int rangeIndex) {
    if (!hasRoom()) {
      throw new IllegalStateException("window of " + size + " is full");
    }
    inFlight++;
    starter
        .apply(rangeIndex)
        .handle(
            (result, failure) -> {
              finished.addLast(new Finished(result, failure));
              return null;
            });
  }

  /**
   * Blocks (durably) until every child in flight has finished, whatever its outcome. A cancelled
   * cycle calls it from a detached scope: its children stop at their next heartbeat, and the cycle
   * must not record its end while one of them still writes.
   */
  void awaitAllFinished() {
    Workflow.await(() -> finished.size() >= inFlight);
  }

  /**
   * Blocks (durably) until a child finishes and returns its result, or throws its failure. The
   * other children keep running; the caller decides whether to wait for them.
   */
  PartitionResult awaitNext() {
    if (inFlight == 0) {
      throw new IllegalStateException("no child in flight");
    }
    Workflow.await(() -> !finished.isEmpty());
    Finished next = finished.removeFirst();
    inFlight--;
    if (next.failure() != null) {
      throw next.failure();
    }
    return next.result();
  }
}
