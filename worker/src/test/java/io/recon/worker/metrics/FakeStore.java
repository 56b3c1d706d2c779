package io.recon.worker.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recon store in memory, for the metrics' unit tests; {@link #failing} makes every read throw.
 */
final class FakeStore implements StoreReadings {
  final List<KindSeverityCount> persistent = new ArrayList<>();
  Instant startedAt;
  final List<Duration> remediation = new ArrayList<>();
  SpecSnapshot snapshot = new SpecSnapshot(0, null, null, null, 0);
  final Set<String> specs = new TreeSet<>();
  boolean failing;

  @Override
  public List<KindSeverityCount> persistentInRange(String cycleId, int rangeIndex) {
    check();
    return persistent;
  }

  @Override
  public Optional<Instant> cycleStartedAt(String cycleId) {
    check();
    return Optional.ofNullable(startedAt);
  }

  @Override
  public List<Duration> remediationTimes(String cycleId, Instant now) {
    check();
    return remediation;
  }

  @Override
  public SpecSnapshot snapshot(String spec) {
    check();
    return snapshot;
  }

  @Override
  public Set<String> specNames() {
    check();
    return specs;
  }

  private void check() {
    if (failing) {
      throw new IllegalStateException("store is down");
    }
  }
}
