package io.recon.activities.feed.pg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A row's column values as {@code pgoutput} sends them: text, NULL, or "unchanged TOAST" (a large
 * value an update left alone, which the message leaves out), in the columns' order.
 */
record Tuple(List<String> values, List<Boolean> unchanged) {
  Tuple {
    values = Collections.unmodifiableList(new ArrayList<>(values));
    unchanged = List.copyOf(unchanged);
  }

  int size() {
    return values.size();
  }

  /** The text of column {@code i}; null for NULL, and for an unchanged TOAST value. */
  String text(int i) {
    return values.get(i);
  }

  /** Whether column {@code i} is a large value the update did not change (not sent). */
  boolean isUnchanged(int i) {
    return unchanged.get(i);
  }
}
