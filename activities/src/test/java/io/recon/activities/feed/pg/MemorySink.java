package io.recon.activities.feed.pg;

import io.recon.activities.feed.ChangeOrigin;
import io.recon.activities.feed.ChangedKey;
import io.recon.activities.feed.KeySink;
import io.recon.core.compare.RecordKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link KeySink} in memory for tests: every store, in order, and the cursor per origin. */
class MemorySink implements KeySink {
  /** One call of {@link #store}. */
  record Stored(List<ChangedKey> keys, String cursor) {}

  final List<Stored> stores = new ArrayList<>();
  private final Map<String, String> cursors = new HashMap<>();

  @Override
  public synchronized void store(
      String feed, ChangeOrigin origin, List<ChangedKey> keys, String cursor) {
    stores.add(new Stored(List.copyOf(keys), cursor));
    cursors.put(feed + "/" + origin, cursor);
  }

  @Override
  public synchronized String cursor(String feed, ChangeOrigin origin) {
    return cursors.get(feed + "/" + origin);
  }

  /** The distinct keys stored since the last {@link #take}, as single-part key values. */
  synchronized Set<Object> take() {
    var out = new LinkedHashSet<Object>();
    for (Stored s : stores) {
      for (ChangedKey k : s.keys()) {
        RecordKey key = k.key();
        out.add(key.parts().size() == 1 ? key.parts().get(0) : key.parts());
      }
    }
    stores.clear();
    return out;
  }
}
