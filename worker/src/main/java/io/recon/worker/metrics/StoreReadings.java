package io.recon.worker.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the metrics read from the recon store. Reads only; a fake stands in for it in unit tests.
 */
interface StoreReadings {

  /** One (kind, severity) group of a range's persistent discrepancies. */
  record KindSeverityCount(String kind, String severity, long count) {}

  /** The persistent discrepancies of one range of one cycle, grouped by kind and severity. */
  List<KindSeverityCount> persistentInRange(String cycleId, int rangeIndex);

  /** When the cycle's row says it started. */
  Optional<Instant> cycleStartedAt(String cycleId);

  /** For each discrepancy of the cycle that a verified repair resolved, how long it took. */
  List<Duration> remediationTimes(String cycleId, Instant now);

  /** The values of one spec's store-derived gauges. */
  SpecSnapshot snapshot(String spec);

  /** Every spec that has a cycle in the store, so gauges survive a worker restart. */
  Set<String> specNames();
}
