package io.recon.activities.compare;

import io.recon.activities.store.DiscrepancyRow;
import io.recon.activities.store.DiscrepancyStore;
import io.recon.activities.support.Lineage;
import io.recon.activities.support.TraceSpan;
import io.recon.activities.support.Traces;
import io.recon.core.compare.Discrepancy;
import io.recon.core.compare.DiscrepancySink;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers the merge-join's discrepancies and upserts them a batch at a time, counting severities.
 * Between batches it calls {@code keepAlive}, so a long stretch of orphans still heartbeats.
 */
final class DiscrepancyWriter implements DiscrepancySink {
  static final int BATCH = 500;

  private final DiscrepancyStore store;
  private final DiscrepancyStore.Scope scope;
  private final List<String> keyColumns;
  private final Lineage lineage;
  private final Runnable keepAlive;
  private final List<DiscrepancyRow> buffer = new ArrayList<>(BATCH);
  private final long[] severities = new long[3];

  DiscrepancyWriter(
      DiscrepancyStore store,
      DiscrepancyStore.Scope scope,
      List<String> keyColumns,
      Lineage lineage,
      Runnable keepAlive) {
    this.store = store;
    this.scope = scope;
    this.keyColumns = keyColumns;
    this.lineage = lineage;
    this.keepAlive = keepAlive;
  }

  @Override
  public void accept(Discrepancy d) {
    buffer.add(DiscrepancyRow.of(d, keyColumns, lineage));
    severities[d.severity().rank()]++;
    if (buffer.size() >= BATCH) {
      flush();
      keepAlive.run();
    }
  }

  /** Writes what is buffered. */
  void flush() {
    if (!buffer.isEmpty()) {
      try (TraceSpan span = Traces.span(Traces.STORE_WRITE).records(buffer.size())) {
        store.upsert(scope, buffer);
      }
    }
    buffer.clear();
  }

  /** Discrepancies accepted per severity rank (LOW, MEDIUM, HIGH) since the last call. */
  long[] takeSeverities() {
    long[] copy = severities.clone();
    java.util.Arrays.fill(severities, 0);
    return copy;
  }
}
