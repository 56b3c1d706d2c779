package io.recon.cli.chaos;

import java.util.HashSet;
import java.util.Set;
import org.bson.BsonValue;

/**
 * Whether one cycle's repairs happened exactly once, from the proxy's count of writes and the final
 * state the harness read itself.
 *
 * @param lost repairs that should have happened and are not in the final state
 * @param duplicated documents written more often than once (or written at all when they needed no
 *     repair)
 * @param clobbered concurrent writes of the harness that a repair overwrote
 * @param unanswered write commands whose reply never came back, so that the count is incomplete
 */
record Verdict(long lost, long duplicated, long clobbered, long unanswered) {

  /**
   * @param expected ids that needed exactly one repair (planted, not written concurrently)
   * @param concurrent ids the harness wrote after comparison: recon may have written them once
   *     (before the harness did) or not at all
   * @param wrong ids of {@code expected} whose final document differs from the source
   * @param overwritten ids of {@code concurrent} whose concurrent value is gone
   */
  static Verdict of(
      Set<BsonValue> expected,
      Set<BsonValue> concurrent,
      Set<BsonValue> wrong,
      Set<BsonValue> overwritten,
      WriteLedger.Snapshot writes) {
    long duplicated = 0;
    var allowed = new HashSet<BsonValue>(expected);
    allowed.addAll(concurrent);
    for (var e : writes.writes().entrySet()) {
      duplicated += allowed.contains(e.getKey()) ? Math.max(0, e.getValue() - 1) : e.getValue();
    }
    // Writes that could not be attributed are presumed to be the first write of allowed ids that
    // have none yet; only what exceeds that is a duplicate.
    long unclaimed =
        writes.ambiguousIds().stream()
            .filter(id -> allowed.contains(id) && writes.of(id) == 0)
            .count();
    duplicated += Math.max(0, writes.ambiguous() - unclaimed);
    return new Verdict(wrong.size(), duplicated, overwritten.size(), writes.unanswered());
  }

  boolean exact() {
    return lost == 0 && duplicated == 0 && clobbered == 0 && unanswered == 0;
  }
}
