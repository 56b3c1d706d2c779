package io.recon.workflows.approval;

import java.util.LinkedHashSet;
import java.util.List;

/** A set of the most recently added ids, forgetting the oldest beyond its capacity. */
final class RecentIds {
  private final int capacity;
  private final LinkedHashSet<String> ids = new LinkedHashSet<>();

  RecentIds(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code id}; false when it was already there. */
  boolean add(String id) {
    if (!ids.add(id)) {
      return false;
    }
    while (ids.size() > capacity) {
      ids.remove(ids.iterator().next());
    }
    return true;
  }

  List<String> list() {
    return List.copyOf(ids);
  }
}
