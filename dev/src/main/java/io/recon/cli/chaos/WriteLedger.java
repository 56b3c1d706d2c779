package io.recon.cli.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bson.BsonValue;

/**
 * Documents actually written, per {@code _id}, as the proxy saw each write command and the reply
 * the server gave it: independent of recon's own store and of what recon believes it wrote. A
 * command's modifications are attributed to its statements' ids when the reply leaves no doubt
 * (none modified, or every statement that did not fail modified one document); otherwise the count
 * goes to {@link #ambiguous()} with the ids it may belong to.
 */
final class WriteLedger {
  private final String database;
  private final String collection;
  private final Map<BsonValue, Integer> writes = new HashMap<>();
  private final Set<BsonValue> ambiguousIds = new HashSet<>();
  private long ambiguous;
  private long unanswered;
  private long commands;

  WriteLedger(String database, String collection) {
    this.database = database;
    this.collection = collection;
  }

  /** Whether the proxy should pair this command with its reply. */
  boolean tracks(WireMessages.Write w) {
    return database.equals(w.database()) && collection.equals(w.collection());
  }

  /** Records a tracked command's effect, as its reply tells it. */
  synchronized void record(WireMessages.Write w, WireMessages.Reply r) {
    commands++;
    long done = w.op().equals("update") ? r.modified() : r.n();
    if (done == 0) {
      return;
    }
    int succeeded = w.ids().size() - r.failed().size();
    boolean exact = done == succeeded && w.ids().stream().noneMatch(java.util.Objects::isNull);
    for (int i = 0; i < w.ids().size(); i++) {
      if (r.failed().contains(i)) {
        continue;
      }
      BsonValue id = w.ids().get(i);
      if (exact) {
        writes.merge(id, 1, Integer::sum);
      } else if (id != null) {
        ambiguousIds.add(id);
      }
    }
    if (!exact) {
      ambiguous += done;
    }
  }

  /** A tracked command whose reply never came back: its effect is unknown. */
  synchronized void unanswered() {
    unanswered++;
  }

  synchronized void clear() {
    writes.clear();
    ambiguousIds.clear();
    ambiguous = 0;
    unanswered = 0;
    commands = 0;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(
        Map.copyOf(writes), Set.copyOf(ambiguousIds), ambiguous, unanswered, commands);
  }

  /**
   * @param writes documents written per id, where the reply said so unambiguously
   * @param ambiguousIds ids of commands whose reply could not be attributed statement by statement
   * @param ambiguous documents those commands wrote
   * @param unanswered commands whose reply never came (the count is then incomplete)
   */
  record Snapshot(
      Map<BsonValue, Integer> writes,
      Set<BsonValue> ambiguousIds,
      long ambiguous,
      long unanswered,
      long commands) {
    int of(BsonValue id) {
      return writes.getOrDefault(id, 0);
    }
  }
}
