package io.recon.cli.bench;

import java.time.Duration;
import java.util.List;

/**
 * What {@code recon bench} was asked to do, validated once.
 *
 * @param sticky whether the bench's workers keep the workflows they run cached (sticky execution,
 *     as every worker on a real cluster does); off, each workflow task and each {@code status}
 *     query replays the workflow's history from the start
 * @param warmUpRounds how many cycles of the warm-up job each worker runs before anything is
 *     measured; 0 runs them until the workers' JIT settles, at most {@link
 *     BenchRun#MAX_WARM_UP_ROUNDS}
 */
record BenchOptions(
    long records,
    double divergence,
    int partitions,
    int parallelism,
    String workerXmx,
    List<String> workerJvmOptions,
    boolean skip4n,
    boolean external,
    Duration cycleTimeout,
    int workers,
    boolean sticky,
    int warmUpRounds) {

  BenchOptions {
    if (records < 1) {
      throw new IllegalArgumentException("--records must be >= 1, not " + records);
    }
    if (divergence < 0 || divergence > 1) {
      throw new IllegalArgumentException("--divergence must be in [0, 1], not " + divergence);
    }
    if (partitions < 1 || parallelism < 1) {
      throw new IllegalArgumentException("--partitions and --parallelism must be >= 1");
    }
    if (!workerXmx.matches("[0-9]+[kmgKMG]?")) {
      throw new IllegalArgumentException("--worker-xmx must look like 256m, not " + workerXmx);
    }
    if (workers < 1 || workers > 8) {
      throw new IllegalArgumentException("--workers must be in [1, 8], not " + workers);
    }
    if (warmUpRounds < 0 || warmUpRounds > 100) {
      throw new IllegalArgumentException(
          "--warm-up-rounds must be in [0, 100] (0: until the JIT settles), not " + warmUpRounds);
    }
    workerJvmOptions = List.copyOf(workerJvmOptions);
  }
}
