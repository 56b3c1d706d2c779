package io.recon.activities.compare;

import io.recon.activities.store.DiscrepancyStore;
import io.recon.workflows.activities.RangeRequest;

/** The store scope of a range request. */
final class Scopes {
  private Scopes() {}

  static DiscrepancyStore.Scope of(RangeRequest r) {
    return new DiscrepancyStore.Scope(
        r.cycleId(), r.spec().name(), r.spec().canonicalHash(), r.rangeIndex());
  }
}
